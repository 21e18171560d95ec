package cn.partybuilding.reporting.warning;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.cluster.ClusterJobs;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.publication.NoticePlanner;
import cn.partybuilding.reporting.publication.NoticeRequest;
import cn.partybuilding.reporting.publication.PublicationEvents;
import cn.partybuilding.reporting.publication.Recipients;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.security.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 预警: before a month closes, the units whose running score would place them LAGGING (their secretary) and the members
 * below the study threshold get an EARLY_WARNING notice request. Runs daily and acts on the configured day of the month;
 * ops and tests run it through POST /warnings/{period}/run. Repeats are harmless: the noticeKey (EARLY_WARNING|recipient|period)
 * and the event id are the same each time.
 */
@ApplicationScoped
public class EarlyWarningService {
    private static final Logger LOG = Logger.getLogger(EarlyWarningService.class);

    @Inject
    RankingService rankings;

    @Inject
    AuditTrail audit;

    @Inject
    FactsReader facts;

    @Inject
    PublicationEvents events;

    @Inject
    EventPublisher publisher;

    @Inject
    ReportingConfig config;

    /** The platform's clock, in the county's zone ({@code eventing.zone}): the warning day is a day of that calendar. */
    @Inject
    Clock clock;

    @Inject
    ClusterJobs cluster;

    /** The cron is read in the same zone as the clock, so "08:00" is 08:00 in the county whatever the server's zone. */
    @Scheduled(cron = "{reporting.warning.cron}", timeZone = "{eventing.zone}", identity = "early-warning")
    void daily() {
        // one instance of the cluster runs the day's warning (one audit record, one set of notice requests)
        due().ifPresent(month -> cluster.runOnce("early-warning", "24h", () -> {
            List<NoticeRequest> sent = run(month);
            LOG.infof("early warning for %s: %d notice requests", month, sent.size());
        }));
    }

    /** The month whose early warning is due today (the configured day of the month, in the county's zone), if any. */
    Optional<YearMonth> due() {
        LocalDate today = LocalDate.now(clock);
        boolean due = config.warning().enabled() && today.getDayOfMonth() == config.warning().dayOfMonth();
        return due ? Optional.of(YearMonth.from(today)) : Optional.empty();
    }

    /**
     * The warning of {@code period} as of today in the county (the month's last day for a past month): units ranked
     * LAGGING by their running score, with the study compared with what is due by today, get a warning, except units
     * NOT_SUBMITTED (no score recorded yet: the assessors' work outstanding, not the unit's, so no notice); members whose
     * study is below the threshold of what is due by today get one too.
     */
    public List<NoticeRequest> run(YearMonth period) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = today.isBefore(period.atEndOfMonth()) ? today : period.atEndOfMonth();
        LiveRanking live = rankings.runningOn(period, asOf);
        Map<String, String> unitNames = live.unitNames();
        var roster = live.members();
        NoticePlanner planner = new NoticePlanner(new Recipients(roster, facts.organizationParents()));
        for (RankedUnit e : live.entries()) {
            if (e.tier() == Tier.LAGGING && e.status() == Status.SUBMITTED) {
                planner.laggingWarning(period.toString(), e, live.entries().size());
            }
        }
        planner.lowStudy("EARLY_WARNING", period, live.system(), roster, unitNames, config.notices().studyReminderThreshold(), asOf);
        List<NoticeRequest> notices = planner.requests();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String run = "warning-" + now.toInstant().toEpochMilli();
        QuarkusTransaction.requiringNew().run(() -> {
            publisher.publishEach(Topics.NOTICE_REQUESTS, notices, events.noticeRequested(run, now));
            // the run and its outbox rows in one transaction with its record (a scheduled run has no caller: see README)
            audit.accepted("warning", period.toString(), null, Map.of("run", run, "asOf", asOf.toString(), "noticeRequests", notices.size()));
        });
        return notices;
    }
}
