package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.reporting.platform.ForegroundWork;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.PublishedRankings;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.security.AuditTrail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    @Inject
    AuditTrail audit;

    /** The platform's clock, in the county's zone: the interview deadline counts from the county's day, not UTC's. */
    @Inject
    Clock clock;

    /**
     * What a publication of a month made (domain result): the frozen version and the notice requests emitted. The event
     * ({@link RankingPublished}) and the REST response ({@link MonthPublicationView}) are each built from it.
     */
    public record MonthPublication(String period, int version, OffsetDateTime publishedAt, Integer systemYear, Integer systemVersion,
                                   String reason, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted,
                                   List<NoticeRequest> notices, String systemEffectiveFrom) {
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
        String given = PublicationPrerequisites.given(requestedReason);
        // frozen months: refused before any computation; checked again under the period's lock
        FrozenMonth before = frozenMonth(period);
        String lockEventId = before.lock().lockEventId();
        before.reason(period, given);
        long t0 = System.nanoTime();
        LiveRanking live = rankings.live(period); // cached when nothing changed since it was last viewed
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Tier> previousTiers = new HashMap<>();
        published.latestByUnit(period.minusMonths(1)).forEach((unit, e) -> previousTiers.put(unit, e.tier()));
        Map<String, String> unitNames = live.unitNames();
        Recipients recipients = new Recipients(live.members(), facts.organizationParents());
        LocalDate interviewDeadline = now.toLocalDate().plusDays(config.notices().interviewDeadlineDays());
        // the exam notices (教育提醒, 诫勉谈话) are not the month's: they go out when the result arrives (followup.ExamFollowUp)
        NoticePlanner planner = new NoticePlanner(recipients)
                .monthlyRanking(period.toString(), live.entries(), live.notSubmitted(), previousTiers, interviewDeadline)
                .lowStudy("STUDY_REMINDER", period, live.system(), live.members(), unitNames, config.notices().studyReminderThreshold())
                .overdueRectifications("MONTHLY_BULLETIN", period.toString(), facts.overdueRectifications());
        // issue 12.4: a month in which no unit submitted anything has no ranking and no tiers, so it sends no notice at
        // all (no bulletin of an empty table, no reminders); it is still published (all units 未报送), because quarters
        // and years need every month published and count such a month 0
        List<NoticeRequest> planned = live.entries().isEmpty() ? List.of() : planner.requests();
        long t1 = System.nanoTime();
        // where the store's time goes (issue 18.3): the ranking's rows, the notices' ledger, the outbox, the rest
        long[] steps = new long[4];
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
                // issue 13.5: a republication sends a 更正通报 instead of the bulletin and withdraws what no longer applies
                List<NoticeRequest> notices = Republication.requests(planned, version, reason);
                List<NoticeWithdrawal> withdrawals = version == 1 ? List.of() : Republication.withdrawals(
                        SentNotices.MONTH.of(c, period.toString(), version - 1), notices, period.toString(), version, reason);
                MonthPublication p = new MonthPublication(period.toString(), version, now, live.system().year(), live.system().version(),
                        reason, live.entries(), live.notSubmitted(), notices, live.system().effectiveMonth().toString());
                CloudEvent cloudEvent = events.rankingPublished(p);
                insert(c, p, cloudEvent.id(), lockEventId);
                steps[0] = System.nanoTime();
                SentNotices.MONTH.record(c, period.toString(), version, notices);
                steps[1] = System.nanoTime();
                publisher.publishAll(Topics.REPORTING, List.of(cloudEvent));
                publisher.publishEach(Topics.NOTICE_REQUESTS, withdrawals, events.withdrawalRequested("v" + version, now));
                publisher.publishEach(Topics.NOTICE_REQUESTS, notices, events.noticeRequested("v" + version, now));
                steps[2] = System.nanoTime();
                followingMonthsInterviews(c, p, recipients, interviewDeadline, now);
                // in this transaction: the publication, its outbox rows and its audit record commit or roll back together
                audit.accepted("ranking", p.period(), version == 1 ? null : PublicationAudit.previous(version - 1),
                        PublicationAudit.month(p));
                steps[3] = System.nanoTime();
                return p;
            } catch (SQLException e) {
                throw PublicationVersions.refused(e, period.toString(), version);
            }
        });
        long t2 = System.nanoTime();
        Log.infof("published %s version %d: %d entries, %d notice requests; ranked and planned in %d ms, stored in %d ms"
                        + " (ranking %d, notice ledger %d, outbox %d, interviews and audit %d, commit %d)", period,
                publication.version(), live.entries().size(), publication.notices().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (steps[0] - t1) / 1_000_000, (steps[1] - steps[0]) / 1_000_000, (steps[2] - steps[1]) / 1_000_000,
                (steps[3] - steps[2]) / 1_000_000, (t2 - steps[3]) / 1_000_000);
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

    /**
     * Issue 13.6: the month after, when published already, gets its two-lagging-months interviews decided again from its
     * latest version and this one: an interview it now calls for is requested (April published before March, or March
     * republished after April, makes a unit LAGGING in both), one it no longer calls for is withdrawn. Both are recorded
     * against the following month's latest version, so that its own republication compares with them.
     */
    private void followingMonthsInterviews(Connection c, MonthPublication p, Recipients recipients, LocalDate deadline,
                                           OffsetDateTime now) throws SQLException {
        YearMonth next = YearMonth.parse(p.period()).plusMonths(1);
        Optional<PublishedRankings.Published> latest = published.latest(next);
        if (latest.isEmpty()) {
            return;
        }
        int nextVersion = latest.get().version().version();
        List<RankedUnit> later = latest.get().entries();
        Map<String, Tier> tiers = new HashMap<>();
        p.entries().forEach(e -> tiers.put(e.unitCode(), e.tier()));
        NoticePlanner planner = new NoticePlanner(recipients);
        Set<String> needed = InterviewRule.twiceLagging(tiers, later);
        later.stream().filter(e -> needed.contains(e.unitCode())).forEach(e -> planner.interview(next.toString(), e, later.size(), deadline));
        List<NoticeRequest> interviews = planner.requests();
        List<Republication.SentNotice> sent = SentNotices.MONTH.of(c, next.toString(), nextVersion).stream()
                .filter(n -> n.noticeType().equals("INTERVIEW")).toList();
        Set<String> sentKeys = sent.stream().map(Republication.SentNotice::noticeKey).collect(Collectors.toSet());
        Set<String> neededKeys = interviews.stream().map(NoticeRequest::noticeKey).collect(Collectors.toSet());
        List<NoticeRequest> added = interviews.stream().filter(r -> !sentKeys.contains(r.noticeKey())).toList();
        List<NoticeWithdrawal> withdrawn = sent.stream().filter(n -> !neededKeys.contains(n.noticeKey()))
                .map(n -> new NoticeWithdrawal(n.noticeKey(), n.noticeType(), next.toString(), n.unitCode(), n.recipientId(),
                        nextVersion, InterviewRule.withdrawalReason(p.period(), p.version(), p.reason(), next.toString()))).toList();
        if (added.isEmpty() && withdrawn.isEmpty()) {
            return;
        }
        String publication = "v" + nextVersion + "-after-" + p.period() + "-v" + p.version();
        SentNotices.MONTH.record(c, next.toString(), nextVersion, added);
        Sql.batch(c, "delete from published_notice where period = ? and version = ? and notice_key = ?", withdrawn.stream()
                .map(w -> new Object[]{next.toString(), nextVersion, w.noticeKey()}).toList());
        publisher.publishEach(Topics.NOTICE_REQUESTS, withdrawn, events.withdrawalRequested(publication, now));
        publisher.publishEach(Topics.NOTICE_REQUESTS, added, events.noticeRequested(publication, now));
    }

    private static final List<Sql.Col> ENTRY_COLUMNS = List.of(Sql.col("period", "varchar"), Sql.col("version", "integer"),
            Sql.col("unit_code", "varchar"), Sql.col("rank", "integer"), Sql.col("unit_name", "varchar"), Sql.col("score", "numeric"),
            Sql.col("previous_rank", "integer"), Sql.col("rank_change", "integer"), Sql.col("tier", "varchar"), Sql.col("status", "varchar"),
            Sql.col("completion_rate", "numeric"), Sql.col("deductions", "numeric"), Sql.col("bonuses", "numeric"));

    /** The frozen version: its header (primary key period, version) first, then one row per ranked unit and one (status NOT_SUBMITTED, no rank, score nor tier) per unit that submitted nothing. */
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
        // one statement (Sql.insertUnnest): ~1,000 rows of 13 parameters each took 55–106 ms of a cold publication
        // as a JDBC batch, 23–27 ms this way
        List<Object[]> rows = new ArrayList<>(v.entries().size() + v.notSubmitted().size());
        for (RankedUnit e : v.entries()) {
            rows.add(new Object[]{v.period(), v.version(), e.unitCode(), e.rank(), e.unitName(), BigDecimal.valueOf(e.score()),
                    e.previousRank(), e.rankChange(), e.tier().name(), e.status().name(), BigDecimal.valueOf(e.completionRate()),
                    BigDecimal.valueOf(e.deductions()), BigDecimal.valueOf(e.bonuses())});
        }
        for (NotSubmittedUnit u : v.notSubmitted()) {
            // status NOT_SUBMITTED, no rank, score nor tier
            rows.add(new Object[]{v.period(), v.version(), u.unitCode(), null, u.unitName(), null, null, null, null,
                    Status.NOT_SUBMITTED.name(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        }
        Sql.insertUnnest(c, "published_entry", ENTRY_COLUMNS, rows);
    }
}
