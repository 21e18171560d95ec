package cn.partybuilding.notification.escalation;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.eventing.cluster.ClusterJobs;
import cn.partybuilding.eventing.time.WorkingCalendar;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeEvents;
import cn.partybuilding.notification.notice.NoticeKey;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.OptimisticRetry;
import cn.partybuilding.notification.notice.RecipientKind;
import cn.partybuilding.notification.platform.NotificationConfig;
import cn.partybuilding.notification.roster.Roster;
import cn.partybuilding.notification.roster.RosterStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Escalates issued notices nobody acknowledged within the configured working days: issues a 督办通知 to the
 * next level of {@link EscalationChain} and emits notice.escalated. Each notice escalates once; an escalation
 * notice that is not acknowledged in turn escalates one level further. With several instances the schedule runs on one
 * of them per period ({@link ClusterJobs}); were two passes to meet, a notice's version check lets only one escalate it.
 */
@ApplicationScoped
public class EscalationJob {
    private static final Logger LOG = Logger.getLogger(EscalationJob.class);

    @Inject
    Clock clock;
    @Inject
    NotificationConfig config;
    @Inject
    NoticeService notices;
    @Inject
    NoticeEvents events;
    @Inject
    RosterStore roster;
    /** The platform's calendar: the State Council's holidays and 调休 days (eventing.calendar.*). */
    @Inject
    WorkingCalendar calendar;
    @Inject
    ClusterJobs cluster;

    @Scheduled(every = "{notification.escalation.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notice-escalation")
    void tick() {
        try {
            cluster.runOnce("notice-escalation", config.escalation().checkEvery(), this::escalateDue);
        } catch (RuntimeException e) {
            // database briefly unavailable or the application shutting down: the next run picks up where this one stopped
            LOG.warnf("escalateDue failed: %s", e.toString());
        }
    }

    /**
     * One pass; returns the escalation notices issued. Each notice escalates in a transaction of its own that
     * re-reads it: a 签收 committed meanwhile makes the notice's version check fail, the escalation (督办通知, number,
     * event) is rolled back and tried again on a fresh read, which finds the notice signed and leaves it alone.
     */
    public synchronized List<Notice> escalateDue() {
        int workingDays = config.escalation().workingDays();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<String> overdue = QuarkusTransaction.requiringNew().call(() -> Notice.<Notice>list(
                        "status = ?1 and acknowledgedAt is null and escalatedAt is null and withdrawnAt is null and recipientKind <> ?2 and issueDate < ?3",
                        Notice.Status.ISSUED, RecipientKind.COMMITTEE, today).stream()
                .filter(n -> calendar.overdue(n.issueDate, workingDays, today)).map(n -> n.id).toList());
        List<Notice> issued = new ArrayList<>();
        for (String id : overdue) {
            OptimisticRetry.inNewTransaction(3, () -> escalate(id, workingDays, now)).ifPresent(issued::add);
        }
        return issued;
    }

    /** Escalates one notice unless it was signed or escalated since the pass listed it; returns a new 督办通知. */
    private Optional<Notice> escalate(String id, int workingDays, Instant now) {
        Notice n = Notice.findById(id);
        if (n == null || n.acknowledged() || n.escalatedAt != null) {
            return Optional.empty();
        }
        // under the trace the notice was issued under (issue 17.4), not the job's: the 督办通知 (and its deliveries),
        // notice.escalated and the log line can be followed to the score, finding or publication the notice came from
        try (Scope ignored = TraceContext.resume(n.traceparent)) {
            return escalate(n, workingDays, now);
        }
    }

    private Optional<Notice> escalate(Notice n, int workingDays, Instant now) {
        Notice root = root(n);
        Optional<RecipientKind> next = EscalationChain.next(root.recipientKind, n.escalationLevel);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Notice escalation = draft(n, root, next.get());
        Optional<Notice> existing = Notice.byKey(escalation.noticeKey);
        boolean fresh = existing.isEmpty();
        if (fresh) {
            notices.issueEscalation(escalation, root, n, workingDays);
        } else {
            escalation = existing.get();
        }
        n.escalatedAt = now;
        n.escalatedTo = escalation.recipientId;
        events.escalated(n, escalation);
        Notice.flush(); // the version check happens here, inside the retried transaction
        LOG.infof("notice %s (%s) not acknowledged by %s: escalated to %s as %s", n.documentNumber, n.type,
                n.recipientId, escalation.recipientId, escalation.documentNumber);
        return fresh ? Optional.of(escalation) : Optional.empty();
    }

    private Notice draft(Notice original, Notice root, RecipientKind kind) {
        Notice e = new Notice();
        e.recipientKind = kind;
        // the real holder of the role when the roster knows one, else the role itself (<unit>:<KIND>)
        Optional<Roster.Person> holder = roster.holder(kind, original.unitCode,
                root.recipientKind == RecipientKind.MEMBER ? root.recipientId : null);
        e.recipientId = holder.map(Roster.Person::memberId).orElse(EscalationChain.recipientId(kind, original.unitCode));
        e.recipientName = holder.map(Roster.Person::name).orElse(null);
        e.type = NoticeType.ESCALATION;
        e.noticeKey = NoticeKey.escalation(e.recipientId, original.id);
        e.period = original.period;
        e.unitCode = original.unitCode;
        e.unitName = original.unitName;
        e.recipientEmail = kind == RecipientKind.COMMITTEE
                ? config.escalation().committeeEmail().filter(m -> !m.isBlank()).orElse(null)
                : holder.map(Roster.Person::email).orElse(null);
        e.escalationLevel = original.escalationLevel + 1;
        e.escalatedFrom = original.id;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rootNoticeId", root.id);
        facts.put("escalatedNoticeId", original.id);
        facts.put("escalatedDocumentNumber", original.documentNumber);
        try {
            e.facts = CloudEventCodec.MAPPER.writeValueAsString(facts);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return e;
    }

    /** The first notice of an escalation chain (remembered in each 督办通知's facts). */
    private static Notice root(Notice n) {
        if (n.type != NoticeType.ESCALATION || n.facts == null) {
            return n;
        }
        try {
            JsonNode facts = CloudEventCodec.MAPPER.readTree(n.facts);
            Notice root = Notice.findById(facts.path("rootNoticeId").asText(""));
            return root == null ? n : root;
        } catch (JsonProcessingException e) {
            return n;
        }
    }
}
