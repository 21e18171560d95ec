package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.platform.ForegroundWork;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.PublishedRankings;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.RankedUnit;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Freezes and publishes a month's ranking: version 1, then 2, 3, … after corrections (a republication needs a reason;
 * history keeps every version). The frozen rows, {@code ranking.published} and the notice requests commit in one
 * transaction (transactional outbox); the version is allocated in that transaction ({@link PublicationVersions}).
 */
@ApplicationScoped
public class MonthlyPublication {
    @Inject
    RankingService rankings;

    @Inject
    PublishedRankings published;

    @Inject
    FactsReader facts;

    @Inject
    PublicationEvents events;

    @Inject
    EventPublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Inject
    ReportingConfig config;

    @Inject
    ForegroundWork foreground;

    /** The platform's clock, in the county's zone: the interview deadline counts from the county's day, not UTC's. */
    @Inject
    Clock clock;

    /**
     * What a publication of a month made (domain result): the frozen version and the notice requests emitted. The event
     * ({@link RankingPublished}) and the REST response ({@link MonthPublicationView}) are each built from it.
     */
    public record MonthPublication(String period, int version, OffsetDateTime publishedAt, Integer systemYear, Integer systemVersion,
                                   String reason, List<RankedUnit> entries, List<NoticeRequest> notices, String systemEffectiveFrom) {
    }

    public MonthPublication publish(YearMonth period, String reason) {
        foreground.enter();
        try {
            return publishNow(period, reason);
        } finally {
            foreground.exit();
        }
    }

    private MonthPublication publishNow(YearMonth period, String reason) {
        boolean republication = reason != null && !reason.isBlank();
        Optional<Integer> latest = published.latestVersion(period);
        if (latest.isPresent() && !republication) {
            throw reasonRequired(period, latest.get()); // before any computation; checked again under the period's lock
        }
        long t0 = System.nanoTime();
        LiveRanking live = rankings.live(period); // cached when nothing changed since it was last viewed
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Tier> previousTiers = new HashMap<>();
        published.latestByUnit(period.minusMonths(1)).forEach((unit, e) -> previousTiers.put(unit, e.tier()));
        Map<String, String> unitNames = unitNames(live.entries());
        NoticePlanner planner = new NoticePlanner(new Recipients(live.members(), facts.organizationParents()))
                .monthlyRanking(period.toString(), live.entries(), previousTiers, now.toLocalDate().plusDays(config.notices().interviewDeadlineDays()))
                .exams(period, facts.examsUpTo(period), unitNames)
                .lowStudy("STUDY_REMINDER", period, live.system(), live.members(), unitNames, config.notices().studyReminderThreshold());
        List<NoticeRequest> notices = planner.requests();
        long t1 = System.nanoTime();
        MonthPublication publication = QuarkusTransaction.requiringNew().call(() -> {
            int version = 0;
            try (Connection c = dataSource.getConnection()) {
                version = PublicationVersions.next(c, "published_ranking", "period", period.toString());
                if (version > 1 && !republication) {
                    throw reasonRequired(period, version - 1); // another request published it since the check above
                }
                MonthPublication p = new MonthPublication(period.toString(), version, now, live.system().year(), live.system().version(),
                        reason, live.entries(), notices, live.system().effectiveMonth().toString());
                CloudEvent cloudEvent = events.rankingPublished(p);
                insert(c, p, cloudEvent.id());
                publisher.publishAll(Topics.REPORTING, List.of(cloudEvent));
                publisher.publishAll(Topics.NOTICE_REQUESTS, events.noticeRequests(notices, "v" + version, now));
                return p;
            } catch (SQLException e) {
                throw PublicationVersions.refused(e, period.toString(), version);
            }
        });
        long t2 = System.nanoTime();
        Log.infof("published %s version %d: %d entries, %d notice requests; ranked and planned in %d ms, stored in %d ms", period,
                publication.version(), live.entries().size(), notices.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        factsVersion.bump();
        return publication;
    }

    private static ProblemException reasonRequired(YearMonth period, int latestVersion) {
        return ProblemException.conflict(period + " 的排名已发布（第 " + latestVersion + " 版）；更正后重新发布须说明理由",
                "reason", "required to republish a published month");
    }

    private static Map<String, String> unitNames(List<RankedUnit> entries) {
        Map<String, String> names = new LinkedHashMap<>();
        entries.forEach(e -> names.put(e.unitCode(), e.unitName()));
        return names;
    }

    /** The frozen version: its header (primary key period, version) first, then one row per ranked unit. */
    private static void insert(Connection c, MonthPublication v, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into published_ranking (period, version, published_at, system_year, "
                + "system_version, reason, event_id, system_effective_from) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, v.period());
            s.setInt(2, v.version());
            s.setObject(3, v.publishedAt());
            s.setObject(4, v.systemYear());
            s.setObject(5, v.systemVersion());
            s.setString(6, v.reason());
            s.setString(7, eventId);
            s.setString(8, v.systemEffectiveFrom());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into published_entry (period, version, unit_code, rank, unit_name, score, "
                + "previous_rank, rank_change, tier, status, completion_rate, deductions, bonuses) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RankedUnit e : v.entries()) {
                s.setString(1, v.period());
                s.setInt(2, v.version());
                s.setString(3, e.unitCode());
                s.setInt(4, e.rank());
                s.setString(5, e.unitName());
                s.setBigDecimal(6, BigDecimal.valueOf(e.score()));
                s.setObject(7, e.previousRank(), Types.INTEGER);
                s.setObject(8, e.rankChange(), Types.INTEGER);
                s.setString(9, e.tier().name());
                s.setString(10, e.status().name());
                s.setBigDecimal(11, BigDecimal.valueOf(e.completionRate()));
                s.setBigDecimal(12, BigDecimal.valueOf(e.deductions()));
                s.setBigDecimal(13, BigDecimal.valueOf(e.bonuses()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
