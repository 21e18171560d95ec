package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.debrief.DebriefReviews;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.scoring.Grading;
import io.agroal.api.AgroalDataSource;
import cn.partybuilding.security.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Annual results: monthly weight × mean of the year's twelve published monthly scores + debrief weight × 述职评议 score
 * (the panel's trimmed mean of its reviewers' scores, else the committee's entry: {@link DebriefReviews#scores}); the top N
 * units are excellent. The first publication of a year also requests the 年度通报 and the 优秀单位's 通报表扬; a
 * republication (with a reason) sends the year's 更正通报 to the 年度通报's addressees, requests the 通报表扬 of a unit that
 * became 优秀 and withdraws that of a unit no longer 优秀 ({@link Republication}). Refused with a 409 while a month is unpublished
 * or a unit with monthly results has no debrief score ({@link PublicationPrerequisites}). Every publication is a new version,
 * allocated in the publishing transaction ({@link PublicationVersions}).
 */
@ApplicationScoped
public class AnnualPublication {
    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    PublicationReader publications;

    @Inject
    FactsReader facts;

    @Inject
    PublicationEvents events;

    @Inject
    EventPublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReportingConfig config;

    @Inject
    DebriefReviews debriefReviews;

    /**
     * What a publication of a year made (domain result); the event ({@link AnnualResultsPublished}) and the REST response
     * ({@link AnnualPublicationView}) are each built from it. {@code reason}: why a republication was made (null for version 1).
     */
    public record YearPublication(int year, int version, OffsetDateTime publishedAt, List<String> months, List<UnitResult> results,
                                  String reason) {
    }

    /**
     * A unit's annual result. {@code debriefScore} is never null in a new publication (a missing one is refused); it stays
     * nullable for the results published before that rule, which counted a missing score as 0.
     */
    public record UnitResult(int rank, String unitCode, String unitName, double meanMonthlyScore, Double debriefScore, double annualScore,
                             boolean excellent) {
    }

    /**
     * Publishes the year's results as a new version; a republication needs {@code reason} (why the results were corrected),
     * which its 更正通报 and withdrawals cite.
     */
    public YearPublication publish(int year, String requestedReason) {
        String reason = PublicationPrerequisites.given(requestedReason);
        List<YearMonth> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(year, m));
        }
        PublicationReader.PublishedScores published = publications.publishedMonths(months);
        PublicationPrerequisites.requireAllMonths(year + " 年度结果", months, published.months());
        Map<String, Double> debriefs = debriefReviews.scores(year);
        PublicationPrerequisites.requireDebriefs(year, published.scores().keySet(), debriefs.keySet(), published.names());
        List<Grading.AnnualInput> inputs = new ArrayList<>();
        published.scores().forEach((unit, list) -> inputs.add(new Grading.AnnualInput(unit,
                list.stream().mapToDouble(Double::doubleValue).average().orElse(0), debriefs.get(unit))));
        List<Grading.AnnualResult> results = Grading.annual(inputs, config.annual().monthlyWeight(), config.annual().debriefWeight(),
                config.annual().excellentUnits());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Recipients recipients = new Recipients(facts.roster(), facts.organizationParents());
        List<UnitResult> unitResults = results.stream().map(r -> new UnitResult(r.rank(), r.unitCode(), published.names().get(r.unitCode()),
                r.meanMonthlyScore(), r.debriefScore(), r.annualScore(), r.excellent())).toList();
        return QuarkusTransaction.requiringNew().call(() -> {
            int version = 0;
            try (Connection c = dataSource.getConnection()) {
                version = PublicationVersions.next(c, "annual_publication", "for_year", year);
                PublicationPrerequisites.requireYearReason(year, version, reason);
                DebriefReviews.lockYear(c, year);
                if (!DebriefReviews.scores(c, year).equals(debriefs)) {
                    // a reviewer scored while the results were computed: the table would not be the one the panel gave
                    throw ProblemException.conflict(year + " 年度述职评议得分在计算期间有变化，请重新发布", "year", "述职评议得分有变化");
                }
                YearPublication p = new YearPublication(year, version, now, published.months(), unitResults, reason);
                insert(c, p);
                publisher.publishAll(Topics.REPORTING, List.of(events.annualResultsPublished(p)));
                // issue 16.5: the 年度通报 and each 优秀单位's 通报表扬 with version 1; a republication (issue 13.5's rule) sends
                // the year's 更正通报 citing version and reason, requests the commendation of a unit that became 优秀 and
                // withdraws that of one no longer 优秀, nothing else again
                List<NoticeRequest> planned = new NoticePlanner(recipients).annualResults(String.valueOf(year), version, unitResults).requests();
                List<Republication.SentNotice> previous = version == 1 ? List.of() : SentNotices.YEAR.of(c, year, version - 1);
                List<NoticeRequest> requests = Republication.annualRequests(planned, version, reason, previous);
                List<NoticeWithdrawal> withdrawals = Republication.annualWithdrawals(previous, planned, year, version, reason);
                SentNotices.YEAR.record(c, year, version, planned);
                publisher.publishEach(Topics.NOTICE_REQUESTS, withdrawals, events.withdrawalRequested("year-v" + version, now));
                publisher.publishEach(Topics.NOTICE_REQUESTS, requests, events.noticeRequested("year-v" + version, now));
                audit.accepted("year", String.valueOf(year), version == 1 ? null : PublicationAudit.previous(version - 1), PublicationAudit.year(p));
                return p;
            } catch (SQLException e) {
                throw PublicationVersions.refused(e, String.valueOf(year), version);
            }
        });
    }

    /** Sets (or replaces) a unit's 述职评议 score of the year; 404 for an unknown unit. */
    public void putDebrief(int year, String unitCode, double score) {
        if (!facts.unitNames().containsKey(unitCode)) {
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "unknown unit");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("insert into debrief_score (for_year, unit_code, score) values (?, ?, ?) "
                         + "on conflict (for_year, unit_code) do update set score = excluded.score")) {
                BigDecimal[] before = {null};
                // the score replaced, read under the row's lock so that the audit's "before" is the one overwritten
                Sql.query(c, "select score from debrief_score where for_year = ? and unit_code = ? for update",
                        rs -> before[0] = rs.getBigDecimal(1), year, unitCode);
                s.setInt(1, year);
                s.setString(2, unitCode);
                s.setBigDecimal(3, BigDecimal.valueOf(score));
                s.executeUpdate();
                audit.accepted("debrief", year + "/" + unitCode, before[0] == null ? null : java.util.Map.of("score", before[0].doubleValue()),
                        java.util.Map.of("score", score));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void insert(Connection c, YearPublication p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into annual_publication (for_year, version, published_at, reason) values (?, ?, ?, ?)")) {
            s.setInt(1, p.year());
            s.setInt(2, p.version());
            s.setObject(3, p.publishedAt());
            s.setString(4, p.reason());
            s.executeUpdate();
        }
        List<Object[]> rows = p.results().stream().map(r -> new Object[]{p.year(), p.version(), r.unitCode(), r.rank(),
                BigDecimal.valueOf(r.meanMonthlyScore()), r.debriefScore() == null ? null : BigDecimal.valueOf(r.debriefScore()),
                BigDecimal.valueOf(r.annualScore()), r.excellent(), p.publishedAt()}).toList();
        Sql.batch(c, "insert into annual_result (for_year, version, unit_code, rank, mean_monthly, debrief_score, annual_score, excellent, "
                + "published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
