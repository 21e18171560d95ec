package cn.partybuilding.notification.delivery;

import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.platform.NotificationConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends due deliveries (first attempts and retries alike). Only PENDING rows are picked, so a
 * retry of a failed webhook never sends the e-mail of the same notice again. No transaction is held
 * while a channel talks to the outside; the outcome is recorded in a short transaction afterwards. Rows are
 * claimed before sending, so several instances do not send the same delivery twice.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    Clock clock;
    @Inject
    NotificationConfig config;
    @Inject
    EmailChannel email;
    @Inject
    WebhookChannel webhook;
    @Inject
    MeterRegistry metrics;

    private final ReentrantLock running = new ReentrantLock();
    private ExecutorService senders;

    @PostConstruct
    void init() {
        senders = Executors.newFixedThreadPool(config.delivery().parallelism(), r -> {
            Thread t = new Thread(r, "notice-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void shutdown() {
        senders.shutdownNow();
    }

    @Scheduled(every = "{notification.delivery.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notice-delivery")
    void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // database briefly unavailable or the application shutting down: the next run picks up where this one stopped
            LOG.warnf("deliverDue failed: %s", e.toString());
        }
    }

    /** One pass over the due deliveries; returns how many were attempted. Passes never overlap. */
    public int deliverDue() {
        running.lock();
        try {
            Instant now = clock.instant();
            List<Due> due = QuarkusTransaction.requiringNew().call(() -> Delivery.due(now, config.delivery().batchSize())
                    .stream().filter(d -> claim(d, now)).map(DeliveryWorker::due).toList());
            List<Future<?>> sending = due.stream().<Future<?>>map(o -> senders.submit(() -> attempt(o))).toList();
            for (Future<?> f : sending) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    LOG.warnf("delivery attempt failed unexpectedly: %s", e.getCause());
                }
            }
            return due.size();
        } finally {
            running.unlock();
        }
    }

    /**
     * Claims a due row by pushing its next attempt past the lease: of several instances (or an overlapping
     * pass) only the one whose update matched sends; a crash mid-send retries after the lease.
     */
    private boolean claim(Delivery d, Instant now) {
        int claimed = Delivery.update("nextAttemptAt = ?1 where id = ?2 and status = ?3 and nextAttemptAt <= ?4",
                now.plus(config.delivery().claimLease()), d.id, Delivery.Status.PENDING, now);
        return claimed == 1;
    }

    /**
     * An attempt under the trace the notice was issued under (issue 17.4): this thread serves no request, so without it the
     * "sent" / "failed" lines and the webhook's {@code traceparent} header would carry no trace id; with it an operator
     * follows a score, finding or publication to the e-mail and webhook of its notice, retries included.
     */
    private void attempt(Due due) {
        try (Scope ignored = TraceContext.resume(due.traceparent())) {
            attempt(due.outgoing());
        }
    }

    private void attempt(Outgoing o) {
        String error = null;
        try {
            switch (o.channel()) {
                case EMAIL -> email.send(o);
                case WEBHOOK -> webhook.send(o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        record(o, error);
        metrics.counter("notice.deliveries", "channel", o.channel().name(), "outcome", error == null ? "sent" : "failed").increment();
    }

    private void record(Outgoing o, String error) {
        Backoff backoff = new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff(), config.delivery().giveUpAfter());
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery d = Delivery.findById(o.deliveryId());
            Instant now = clock.instant();
            d.attempts++;
            if (error == null) {
                d.status = Delivery.Status.SENT;
                d.sentAt = now;
                d.nextAttemptAt = null;
                d.lastError = null;
                LOG.infof("delivery of notice %s over %s sent (attempt %d): %s to %s", o.noticeId(), o.channel(), d.attempts,
                        o.documentNumber(), o.recipientId());
            } else {
                d.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
                d.nextAttemptAt = backoff.nextAttempt(d.scheduledAt, now, d.attempts);
                // still PENDING while retrying; FAILED (with the last error) once the retry window is over
                d.status = d.nextAttemptAt == null ? Delivery.Status.FAILED : Delivery.Status.PENDING;
                LOG.warnf("delivery of notice %s over %s failed (attempt %d): %s; next attempt %s",
                        o.noticeId(), o.channel(), d.attempts, d.lastError, d.nextAttemptAt == null ? "none (gave up; can be resent)" : d.nextAttemptAt);
            }
        });
    }

    /** A claimed delivery: what its channel sends, and the trace its notice was issued under (not sent as such). */
    private record Due(Outgoing outgoing, String traceparent) {
    }

    private static Due due(Delivery d) {
        Notice n = Notice.findById(d.noticeId);
        return new Due(new Outgoing(d.id, d.channel, n.id, n.noticeKey, n.type.name(), n.documentNumber, n.title, n.document,
                n.recipientId, n.recipientKind.name(), n.recipientName, n.recipientEmail, n.unitCode, n.period, n.issuedAt), n.traceparent);
    }
}
