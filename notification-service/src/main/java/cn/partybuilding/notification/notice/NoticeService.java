package cn.partybuilding.notification.notice;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.notification.platform.NotificationConfig;
import cn.partybuilding.notification.ranking.RankingStore;
import cn.partybuilding.notification.ranking.RankingView;
import cn.partybuilding.security.AuditTrail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates notices once per key, issues them (number, text, channels, event) and records 签收. */
@ApplicationScoped
public class NoticeService {
    private static final Logger LOG = Logger.getLogger(NoticeService.class);

    @Inject
    Clock clock;
    @Inject
    NotificationConfig config;
    @Inject
    DocumentNumbering numbering;
    @Inject
    NoticeText renderer;
    @Inject
    RankingStore rankings;
    @Inject
    NoticeEvents events;
    @Inject
    Event<NoticeIssuedSignal> issuedSignal;

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    MeterRegistry metrics;
    @Inject
    AuditTrail audit;

    /**
     * Stores the notice unless its key has a live one (then returns empty and changes nothing: a redelivered request
     * creates no second notice). A key whose notice was withdrawn gets a new one — the next edition, its own 文号 — since
     * a later version of the month asks for it again. A monthly bulletin whose ranking has not arrived yet is kept HELD
     * and issued when the ranking comes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Notice> createIfAbsent(Notice draft) {
        Optional<Notice> current = Notice.byKey(draft.noticeKey);
        if (current.isPresent() && current.get().withdrawnAt == null) {
            return Optional.empty();
        }
        current.ifPresent(withdrawn -> {
            draft.edition = withdrawn.edition + 1;
            draft.reissueOf = withdrawn.id;
        });
        draft.id = UUID.randomUUID().toString();
        draft.createdAt = clock.instant();
        draft.status = Notice.Status.HELD;
        if (draft.type.bulletin()) {
            Optional<RankingView> ranking = rankings.latest(draft.period).filter(r -> quotable(draft, r));
            if (ranking.isEmpty()) {
                draft.persist();
                return Optional.of(draft);
            }
            issue(draft, ranking.get(), null);
        } else {
            issue(draft, null, null);
        }
        return Optional.of(draft);
    }

    /** Issues the bulletins of a period that waited for its ranking. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseHeldBulletins(String period) {
        List<Notice> held = Notice.heldBulletins(period);
        if (held.isEmpty()) {
            return 0;
        }
        RankingView ranking = rankings.latest(period).orElseThrow();
        int released = 0;
        for (Notice n : held) {
            if (quotable(n, ranking)) {
                issue(n, ranking, null);
                released++;
            }
        }
        return released;
    }

    /**
     * Whether a bulletin can quote {@code ranking}: a 更正通报 waits for the version it corrects to (facts.version; the
     * ranking and the request travel on different topics), a monthly bulletin takes any.
     */
    private static boolean quotable(Notice n, RankingView ranking) {
        if (n.type != NoticeType.CORRECTION_BULLETIN) {
            return true;
        }
        JsonNode f = facts(n);
        int edition = f == null ? 0 : f.path("version").asInt(0);
        return ranking.version() != null && ranking.version() >= edition;
    }

    /**
     * Withdraws the notice of {@code noticeKey} (issue 13.5): marks it 已撤回 with the reason, issues a 撤回通知 to its
     * recipient (inbox and the same channels: e-mail, webhook) and publishes notice.withdrawn. A notice that does not
     * exist (never requested, or its request was dead-lettered) or is withdrawn already is left alone: empty. It is the
     * key's current notice that is withdrawn; the 撤回通知 takes its edition, so a reissued notice withdrawn again gets a
     * 撤回通知 of its own while a repeated withdrawal still finds the key's notice withdrawn.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Notice> withdraw(String noticeKey, String reason) {
        Optional<Notice> found = Notice.byKey(noticeKey);
        if (found.isEmpty() || found.get().withdrawnAt != null) {
            return Optional.empty();
        }
        Notice n = found.get();
        n.withdrawnAt = clock.instant();
        n.withdrawalReason = reason;
        if (n.status == Notice.Status.HELD) {
            return Optional.of(n); // never issued nor seen: nothing to tell anyone
        }
        Notice withdrawal = new Notice();
        withdrawal.id = UUID.randomUUID().toString();
        withdrawal.noticeKey = NoticeType.NOTICE_WITHDRAWAL.name() + "|" + n.noticeKey;
        withdrawal.edition = n.edition;
        withdrawal.type = NoticeType.NOTICE_WITHDRAWAL;
        withdrawal.period = n.period;
        withdrawal.unitCode = n.unitCode;
        withdrawal.unitName = n.unitName;
        withdrawal.recipientId = n.recipientId;
        withdrawal.recipientKind = n.recipientKind;
        withdrawal.recipientName = n.recipientName;
        withdrawal.recipientEmail = n.recipientEmail;
        withdrawal.sourceEventId = n.sourceEventId;
        withdrawal.createdAt = n.withdrawnAt;
        withdrawal.facts = CloudEventCodec.MAPPER.createObjectNode().put("reason", reason).toString();
        issue(withdrawal, null, new RenderInput.EscalatedNotice(n.title, n.documentNumber, n.issueDate, n.recipientKind, n.unitName,
                n.recipientName, 0, null, null, null, null));
        n.withdrawalNoticeId = withdrawal.id;
        events.withdrawn(n);
        return Optional.of(n);
    }

    /**
     * Issues an escalation notice (督办通知) about the chain's first notice {@code root}; {@code previous} is the
     * notice that was not acknowledged (the root itself, or the previous 督办通知).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notice issueEscalation(Notice draft, Notice root, Notice previous, int workingDays) {
        draft.id = UUID.randomUUID().toString();
        draft.createdAt = clock.instant();
        boolean again = previous != root;
        issue(draft, null, new RenderInput.EscalatedNotice(root.title, root.documentNumber, root.issueDate,
                root.recipientKind, root.unitName, root.recipientName, workingDays,
                again ? previous.documentNumber : null, again ? previous.recipientKind : null, again ? previous.unitName : null,
                again ? previous.recipientName : null));
        return draft;
    }

    /**
     * The text of a notice. The copies of a county-wide document (a monthly bulletin to ~1,000 units, each quoting the
     * whole ranking) share the text rendered for the first: rendering it per copy held ~1,000 texts of ~120 KB each in
     * one transaction, took notification-service out of heap and over the transaction timeout (issue 18.4).
     */
    private Rendered render(RenderInput in) {
        if (!in.type().countyWide()) {
            return renderer.render(in);
        }
        RenderInput document = in.document();
        CountyWideText last = lastCountyWide;
        if (last != null && last.document().equals(document)) {
            return last.text();
        }
        Rendered text = renderer.render(in);
        lastCountyWide = new CountyWideText(document, text);
        return text;
    }

    /** The county-wide document rendered last, for its next copies (the intake applies one event at a time). */
    private volatile CountyWideText lastCountyWide;

    private record CountyWideText(RenderInput document, Rendered text) {
    }

    private void issue(Notice n, RankingView ranking, RenderInput.EscalatedNotice original) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        // a copy of a document with many addressees takes the number its first copy got: one document, one 文号
        n.documentNumber = n.documentKey == null ? numbering.next(today.getYear())
                : Notice.numberOfDocument(n.documentKey).orElseGet(() -> numbering.next(today.getYear()));
        n.issuer = config.issuer();
        n.issueDate = today;
        n.issuedAt = now;
        if (n.type == NoticeType.INTERVIEW && n.deadline == null) {
            n.deadline = today.plusDays(config.interviewDeadlineDays());
        }
        Rendered text = render(new RenderInput(n.type, n.recipientKind, n.unitCode, n.unitName, n.recipientName,
                n.period, n.deadline, facts(n), n.documentNumber, n.issuer, today, ranking, original));
        n.title = text.title();
        n.body = text.body();
        n.document = text.document();
        n.status = Notice.Status.ISSUED;
        n.traceparent = TraceContext.current();
        if (!n.isPersistent()) {
            n.persist();
        }
        issuedSignal.fire(new NoticeIssuedSignal(n));
        events.issued(n);
        countOnCommit(n.type);
        // under the trace of the request that asked for the notice (its MDC traceId): an operator finds the notice a
        // score, finding or publication caused by that trace id in the logs (issue 17.4)
        LOG.infof("notice %s issued: %s to %s (%s)", n.documentNumber, n.type, n.recipientId, n.noticeKey);
    }

    /**
     * Counted once the issuing transaction committed: when the database refuses one request of a batch, the platform
     * rolls the batch back and applies it again event by event, and the notices of the first attempt must not count.
     * The synchronisation keeps only the type: the intake clears the persistence context after each notice, and a
     * transactional observer of the signal would keep every notice of a 500-event batch (with its text) until commit.
     */
    private void countOnCommit(NoticeType type) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    metrics.counter("notices.issued", "type", type.name()).increment();
                }
            }
        });
    }

    /**
     * 签收: once, by the signed-in addressee (the REST layer checks who may sign); a second acknowledgement is
     * refused. Runs in its own transaction: when the escalation job changed the notice between our read and our write,
     * the 签收 is tried again on a fresh read (the notice then records both); a 签收 that loses three races in a row is
     * answered 409 "try again".
     */
    public Notice acknowledge(String id, String by) {
        Notice n;
        try {
            n = OptimisticRetry.inNewTransaction(3, () -> acknowledgeOnce(id, by));
        } catch (RuntimeException e) {
            if (OptimisticRetry.isConflict(e)) {
                throw NoticeException.concurrentlyChanged(id);
            }
            throw e;
        }
        metrics.counter("notices.acknowledged", "type", n.type.name()).increment();
        return n;
    }

    private Notice acknowledgeOnce(String id, String by) {
        Notice n = issued(id);
        if (n.acknowledged()) {
            throw NoticeException.alreadyAcknowledged(n);
        }
        n.acknowledgedAt = clock.instant();
        n.acknowledgedBy = by;
        events.acknowledged(n);
        // target as the audit filters name a refusal of the same operation (first path segment, path ids); in the retried
        // transaction: a 签收 rolled back by a conflict leaves no record, the one that commits leaves one
        audit.accepted("notices", n.id, new Acknowledgement("未签收", null, null),
                new Acknowledgement("已签收", n.acknowledgedBy, n.acknowledgedAt));
        Notice.flush(); // the version check happens here, inside the retried transaction
        return n;
    }

    /** The 签收 state of a notice, as the audit trail records it before and after. */
    record Acknowledgement(String state, String acknowledgedBy, Instant acknowledgedAt) {
    }

    /** An issued notice (held bulletins are not visible yet). */
    public Notice issued(String id) {
        Notice n = Notice.findById(id);
        if (n == null || n.status != Notice.Status.ISSUED) {
            throw NoticeException.notFound(id);
        }
        return n;
    }

    private static JsonNode facts(Notice n) {
        if (n.facts == null) {
            return null;
        }
        try {
            return CloudEventCodec.MAPPER.readTree(n.facts);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
