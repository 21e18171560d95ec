package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.platform.ForegroundWork;
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

/**
 * Freezes and publishes a month's ranking: version 1, then 2, 3, … after corrections; history keeps every version. A month
 * is published only while it is locked in assessment-service, and published again only after it was reopened (with a
 * reason) and locked again; the republication carries the reason given, else the reopen's ({@link PublicationPrerequisites}). The frozen rows, {@code ranking.published} and the notice requests commit in one
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

    private MonthPublication publishNow(YearMonth period, String requestedReason) {
        String given = requestedReason == null || requestedReason.isBlank() ? null : requestedReason.trim();
        // frozen months: refused before any computation; checked again under the period's lock
        FrozenMonth before = frozenMonth(period);
        String lockEventId = before.lock().lockEventId();
        before.reason(period, given);
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
                FrozenMonth current = frozenMonth(c, period);
                String reason = current.reason(period, given);
                if (!java.util.Objects.equals(lockEventId, current.lock().lockEventId())) {
                    // reopened (and perhaps locked again) while the ranking was computed: it may not be the locked month's
                    throw PublicationPrerequisites.lockChanged(period);
                }
                MonthPublication p = new MonthPublication(period.toString(), version, now, live.system().year(), live.system().version(),
                        reason, live.entries(), notices, live.system().effectiveMonth().toString());
                CloudEvent cloudEvent = events.rankingPublished(p);
                insert(c, p, cloudEvent.id(), lockEventId);
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

    /** The month's lock and its latest publication, as the frozen-months rule needs them ({@link PublicationPrerequisites}). */
    private record FrozenMonth(FactsReader.MonthLock lock, Integer latestVersion, String latestLockEventId) {
        String reason(YearMonth period, String given) {
            return PublicationPrerequisites.requireFrozen(period, lock.locked(), lock.lockEventId(), latestVersion, latestLockEventId,
                    lock.history().lastReopenReason(), given);
        }
    }

    private FrozenMonth frozenMonth(YearMonth period) {
        try (Connection c = dataSource.getConnection()) {
            return frozenMonth(c, period);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lock of " + period, e);
        }
    }

    private static FrozenMonth frozenMonth(Connection c, YearMonth period) throws SQLException {
        FactsReader.MonthLock lock = FactsReader.monthLock(c, period);
        try (PreparedStatement s = c.prepareStatement("select version, lock_event_id from published_ranking where period = ? order by version desc limit 1")) {
            s.setString(1, period.toString());
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? new FrozenMonth(lock, rs.getInt(1), rs.getString(2)) : new FrozenMonth(lock, null, null);
            }
        }
    }

    private static Map<String, String> unitNames(List<RankedUnit> entries) {
        Map<String, String> names = new LinkedHashMap<>();
        entries.forEach(e -> names.put(e.unitCode(), e.unitName()));
        return names;
    }

    /** The frozen version: its header (primary key period, version) first, then one row per ranked unit. */
    private static void insert(Connection c, MonthPublication v, String eventId, String lockEventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into published_ranking (period, version, published_at, system_year, "
                + "system_version, reason, event_id, system_effective_from, lock_event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, v.period());
            s.setInt(2, v.version());
            s.setObject(3, v.publishedAt());
            s.setObject(4, v.systemYear());
            s.setObject(5, v.systemVersion());
            s.setString(6, v.reason());
            s.setString(7, eventId);
            s.setString(8, v.systemEffectiveFrom());
            s.setString(9, lockEventId);
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
