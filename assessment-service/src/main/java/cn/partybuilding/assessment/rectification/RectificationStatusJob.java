package cn.partybuilding.assessment.rectification;

import cn.partybuilding.assessment.common.AssessmentConfig;
import cn.partybuilding.eventing.cluster.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Keeps OPEN / OVERDUE current and announces the 整改提醒 of items due in N working days: 10 s after start, then every
 * assessment.rectification.status-every (1 h). Each item is reminded once and announced overdue once (the item's
 * reminded_on / overdue_on, written with the outbox event), however often the job runs or the service restarts.
 * With several instances the schedule runs on one of them per period ({@link ClusterJobs}).
 */
@ApplicationScoped
public class RectificationStatusJob {
    private static final Logger LOG = Logger.getLogger(RectificationStatusJob.class);

    @Inject
    RectificationService service;

    @Inject
    Clock clock;

    @Inject
    ClusterJobs cluster;

    @Inject
    AssessmentConfig config;

    @Scheduled(every = "{assessment.rectification.status-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "rectification-status")
    void scheduled() {
        cluster.runOnce("rectification-status", config.rectification().statusEvery(), () -> run(LocalDate.now(clock)));
    }

    /** What the schedule runs, for a given day (tests call it with the day they need); returns overdue + reminded items. */
    public int run(LocalDate today) {
        int overdue = service.refreshStatuses(today);
        if (overdue > 0) {
            LOG.infof("rectification: %d item(s) became OVERDUE on %s", overdue, today);
        }
        int reminded = service.remindDue(today);
        if (reminded > 0) {
            LOG.infof("rectification: %d item(s) reminded of their deadline on %s", reminded, today);
        }
        return overdue + reminded;
    }
}
