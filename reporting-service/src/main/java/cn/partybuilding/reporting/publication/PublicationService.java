package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.OutboxWriter;
import cn.partybuilding.reporting.ingest.FactsVersion;
import cn.partybuilding.reporting.platform.ForegroundWork;
import cn.partybuilding.reporting.platform.Problem;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.ranking.FactsRepository;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.PublishedRankings;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.Grading;
import cn.partybuilding.reporting.scoring.MonthlyScorer;
import cn.partybuilding.reporting.scoring.RankedUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Freezes and publishes: a month's ranking (version 1, 2, … — a republish needs a reason; history keeps every version),
 * quarterly grades and annual results. Rows, the published event and the notice requests commit in one transaction
 * (transactional outbox).
 */
@ApplicationScoped
public class PublicationService {
    @Inject
    RankingService rankings;

    @Inject
    PublishedRankings published;

    @Inject
    FactsRepository facts;

    @Inject
    OutboxWriter outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Inject
    ReportingConfig config;

    @Inject
    ForegroundWork foreground;

    public record MonthPublication(RankingPublished ranking, List<NoticeRequest> notices) {
    }

    public MonthPublication publishMonth(YearMonth period, String reason) {
        foreground.enter();
        try {
            return publishMonthNow(period, reason);
        } finally {
            foreground.exit();
        }
    }

    private synchronized MonthPublication publishMonthNow(YearMonth period, String reason) {
        List<PublishedRankings.Version> versions = published.versions(period);
        if (!versions.isEmpty() && (reason == null || reason.isBlank())) {
            throw Problem.conflict(period + " 的排名已发布（第 " + versions.size() + " 版）；更正后重新发布须说明理由",
                    "reason", "required to republish a published month");
        }
        long t0 = System.nanoTime();
        LiveRanking live = rankings.live(period); // cached when nothing changed since it was last viewed
        int version = versions.size() + 1;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        RankingPublished event = new RankingPublished(period.toString(), version, now, live.system().year(), live.system().version(),
                reason, live.entries());
        Map<String, Tier> previousTiers = new HashMap<>();
        published.latestByUnit(period.minusMonths(1)).forEach((unit, e) -> previousTiers.put(unit, e.tier()));
        Map<String, String> unitNames = unitNames(live.entries());
        NoticePlanner planner = new NoticePlanner(new Recipients(live.members(), facts.organizationParents()))
                .monthlyRanking(period.toString(), live.entries(), previousTiers, deadline(now))
                .exams(period, facts.examsUpTo(period), unitNames)
                .lowStudy("STUDY_REMINDER", period, live.system(), live.members(), unitNames, config.notices().studyReminderThreshold());
        List<NoticeRequest> notices = planner.requests();
        long t1 = System.nanoTime();
        String eventId = deterministicId("ranking|" + period + "|" + version);
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                published.insert(c, new PublishedRankings.Version(period.toString(), version, now, live.system().year(),
                        live.system().version(), reason, eventId), live.entries());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the published ranking", e);
            }
            outbox.append(Topics.REPORTING, CloudEvent.withId(eventId, config.notices().source(), EventTypes.RANKING_PUBLISHED,
                    Topics.COMMITTEE_SUBJECT, now, data(event)));
            outbox.appendAll(Topics.NOTICE_REQUESTS, noticeEvents(notices, "v" + version, now));
        });
        long t2 = System.nanoTime();
        Log.infof("published %s version %d: %d entries, %d notice requests; ranked and planned in %d ms, stored in %d ms", period, version,
                live.entries().size(), notices.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        factsVersion.bump();
        return new MonthPublication(event, notices);
    }

    public record QuarterPublication(QuarterlyGradesPublished grades, List<NoticeRequest> notices) {
    }

    /** Grades from the mean of the quarter's published monthly scores (latest version of each published month). */
    public synchronized QuarterPublication publishQuarter(String quarter, YearMonth[] months) {
        Map<String, List<Double>> scores = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> used = collectPublished(List.of(months), scores, names);
        if (used.isEmpty()) {
            throw Problem.conflict(quarter + " 内尚无已发布的月度排名", "quarter", "no published month in the quarter");
        }
        int version = nextVersion("select count(distinct version) from quarterly_grade where quarter = ?", quarter);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<QuarterlyGradesPublished.Grade> grades = new ArrayList<>();
        NoticePlanner planner = new NoticePlanner(new Recipients(facts.roster(), facts.organizationParents()));
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            double mean = MonthlyScorer.round(e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0), 2);
            QuarterlyGrade grade = Grading.quarterly(mean, config.grades().excellent(), config.grades().good(), config.grades().fair());
            grades.add(new QuarterlyGradesPublished.Grade(e.getKey(), names.get(e.getKey()), mean, grade.name(), grade.label()));
            if (grade == QuarterlyGrade.POOR) {
                planner.poorQuarter(quarter, e.getKey(), names.get(e.getKey()), mean, deadline(now));
            }
        }
        QuarterlyGradesPublished event = new QuarterlyGradesPublished(quarter, version, now, used, grades);
        List<NoticeRequest> notices = planner.requests();
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> rows = grades.stream().map(g -> new Object[]{quarter, version, g.unitCode(), BigDecimal.valueOf(g.meanScore()),
                    used.size(), g.grade(), now}).toList();
            insert("insert into quarterly_grade (quarter, version, unit_code, mean_score, months, grade, published_at) values (?, ?, ?, ?, ?, ?, ?)", rows);
            outbox.append(Topics.REPORTING, CloudEvent.withId(deterministicId("quarter|" + quarter + "|" + version), config.notices().source(),
                    EventTypes.QUARTERLY_GRADES_PUBLISHED, Topics.COMMITTEE_SUBJECT, now, data(event)));
            outbox.appendAll(Topics.NOTICE_REQUESTS, noticeEvents(notices, "v" + version, now));
        });
        return new QuarterPublication(event, notices);
    }

    /** Annual: monthly weight × mean of the year's published monthly scores + debrief weight × 述职评议 score; top N excellent. */
    public synchronized AnnualResultsPublished publishYear(int year) {
        Map<String, List<Double>> scores = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        List<YearMonth> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(year, m));
        }
        List<String> used = collectPublished(months, scores, names);
        if (used.isEmpty()) {
            throw Problem.conflict(year + " 年尚无已发布的月度排名", "year", "no published month in the year");
        }
        Map<String, Double> debriefs = debriefs(year);
        List<Grading.AnnualInput> inputs = new ArrayList<>();
        scores.forEach((unit, list) -> inputs.add(new Grading.AnnualInput(unit,
                list.stream().mapToDouble(Double::doubleValue).average().orElse(0), debriefs.get(unit))));
        List<Grading.AnnualResult> results = Grading.annual(inputs, config.annual().monthlyWeight(), config.annual().debriefWeight(),
                config.annual().excellentUnits());
        int version = nextVersion("select count(distinct version) from annual_result where for_year = ?", year);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AnnualResultsPublished event = new AnnualResultsPublished(year, version, now, used, results.stream().map(r ->
                new AnnualResultsPublished.Result(r.rank(), r.unitCode(), names.get(r.unitCode()), r.meanMonthlyScore(), r.debriefScore(),
                        r.annualScore(), r.excellent())).toList());
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> rows = results.stream().map(r -> new Object[]{year, version, r.unitCode(), r.rank(), BigDecimal.valueOf(r.meanMonthlyScore()),
                    r.debriefScore() == null ? null : BigDecimal.valueOf(r.debriefScore()), BigDecimal.valueOf(r.annualScore()), r.excellent(), now}).toList();
            insert("insert into annual_result (for_year, version, unit_code, rank, mean_monthly, debrief_score, annual_score, excellent, published_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            outbox.append(Topics.REPORTING, CloudEvent.withId(deterministicId("year|" + year + "|" + version), config.notices().source(),
                    EventTypes.ANNUAL_RESULTS_PUBLISHED, Topics.COMMITTEE_SUBJECT, now, data(event)));
        });
        return event;
    }

    /** Fills unit → scores of the months' latest published versions; returns the months that were published. */
    private List<String> collectPublished(List<YearMonth> months, Map<String, List<Double>> scores, Map<String, String> names) {
        List<String> used = new ArrayList<>();
        for (YearMonth month : months) {
            published.latest(month).ifPresent(p -> {
                used.add(month.toString());
                for (RankedUnit e : p.entries()) {
                    scores.computeIfAbsent(e.unitCode(), u -> new ArrayList<>()).add(e.score());
                    names.put(e.unitCode(), e.unitName());
                }
            });
        }
        return used;
    }

    public void putDebrief(int year, String unitCode, double score) {
        if (!facts.unitNames().containsKey(unitCode)) {
            throw Problem.notFound("单位 " + unitCode + " 不存在", "unitCode", "unknown unit");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("merge into debrief_score t using (select cast(? as integer) as for_year, "
                         + "cast(? as varchar(64)) as unit_code, cast(? as numeric(10,2)) as score) s on t.for_year = s.for_year and t.unit_code = s.unit_code "
                         + "when matched then update set score = s.score when not matched then insert (for_year, unit_code, score) values (s.for_year, s.unit_code, s.score)")) {
                s.setInt(1, year);
                s.setString(2, unitCode);
                s.setBigDecimal(3, BigDecimal.valueOf(score));
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Map<String, Double> debriefs(int year) {
        Map<String, Double> debriefs = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select unit_code, score from debrief_score where for_year = ?")) {
            s.setInt(1, year);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    debriefs.put(rs.getString(1), rs.getDouble(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return debriefs;
    }

    /** CloudEvents of notice requests; the id is derived from the notice key and the publication, so a retry repeats it. */
    public List<CloudEvent> noticeEvents(List<NoticeRequest> notices, String publication, OffsetDateTime now) {
        List<CloudEvent> events = new ArrayList<>(notices.size());
        for (NoticeRequest n : notices) {
            events.add(CloudEvent.withId(deterministicId(n.noticeKey() + "|" + publication), config.notices().source(),
                    EventTypes.NOTICE_REQUESTED, n.unitCode() == null ? Topics.COMMITTEE_SUBJECT : n.unitCode(), now, data(n)));
        }
        return events;
    }

    /**
     * The payload as a node that the outbox serialises straight from the record with the shared mapper (same JSON as
     * {@code CloudEventCodec.toTree}, without building ~14,000 intermediate trees on a publication).
     */
    private static JsonNode data(Object payload) {
        return new POJONode(payload);
    }

    public LocalDate deadline(OffsetDateTime now) {
        return now.toLocalDate().plusDays(config.notices().interviewDeadlineDays());
    }

    private Map<String, String> unitNames(List<RankedUnit> entries) {
        Map<String, String> names = new LinkedHashMap<>();
        entries.forEach(e -> names.put(e.unitCode(), e.unitName()));
        return names;
    }

    private int nextVersion(String sql, Object key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(String sql, List<Object[]> rows) {
        try (Connection c = dataSource.getConnection()) {
            cn.partybuilding.reporting.ingest.Sql.batch(c, sql, rows);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latest published quarterly grades: rows of unitCode, meanScore, grade, label, version, months. */
    public List<Map<String, Object>> quarterGrades(String quarter) {
        return rows("select unit_code, mean_score, grade, version, months, published_at from quarterly_grade where quarter = ? "
                + "and version = (select max(version) from quarterly_grade where quarter = ?) order by unit_code", quarter, quarter, r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("unitCode", r.getString(1));
            row.put("meanScore", r.getDouble(2));
            row.put("grade", r.getString(3));
            row.put("label", QuarterlyGrade.valueOf(r.getString(3)).label());
            row.put("version", r.getInt(4));
            row.put("months", r.getInt(5));
            return row;
        });
    }

    public List<Map<String, Object>> annualResults(int year) {
        return rows("select rank, unit_code, mean_monthly, debrief_score, annual_score, excellent, version from annual_result where for_year = ? "
                + "and version = (select max(version) from annual_result where for_year = ?) order by rank", year, year, r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r.getInt(1));
            row.put("unitCode", r.getString(2));
            row.put("meanMonthlyScore", r.getDouble(3));
            row.put("debriefScore", r.getObject(4) == null ? null : r.getDouble(4));
            row.put("annualScore", r.getDouble(5));
            row.put("excellent", r.getBoolean(6));
            row.put("version", r.getInt(7));
            return row;
        });
    }

    interface RowMapper {
        Map<String, Object> map(java.sql.ResultSet rs) throws SQLException;
    }

    private List<Map<String, Object>> rows(String sql, Object a, Object b, RowMapper mapper) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, a);
            s.setObject(2, b);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    public static String deterministicId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
