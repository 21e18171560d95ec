package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeIssuedSignal;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.platform.NotificationConfig;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * When a notice is issued (same transaction), creates a PENDING row per channel it goes out on; on the committee's
 * request schedules a delivery that gave up (FAILED) again, with a new retry window.
 */
@ApplicationScoped
public class DeliveryScheduler {
    @Inject
    NotificationConfig config;
    @Inject
    Clock clock;
    @Inject
    NoticeService notices;
    @Inject
    AuditTrail audit;

    void onIssued(@Observes NoticeIssuedSignal signal) {
        Notice n = signal.notice();
        if (config.delivery().emailEnabled() && n.recipientEmail != null) {
            create(n, Channel.EMAIL);
        }
        if (config.webhook().url().filter(u -> !u.isBlank()).isPresent()) {
            create(n, Channel.WEBHOOK);
        }
    }

    private void create(Notice n, Channel channel) {
        Delivery d = new Delivery();
        d.id = UUID.randomUUID().toString();
        d.noticeId = n.id;
        d.channel = channel;
        d.status = Delivery.Status.PENDING;
        d.nextAttemptAt = clock.instant();
        d.scheduledAt = d.nextAttemptAt;
        d.persist();
    }

    /**
     * Resend: a FAILED delivery becomes PENDING, due now, with a new retry window; attempts and the last error stay
     * as they were until the next attempt. 404 for an unknown notice or a channel it does not go out on, 409 for a
     * delivery that is not FAILED (the update only matches a FAILED row, so two resends at once schedule it once).
     */
    @Transactional
    public Delivery resend(String noticeId, String channelName) {
        notices.issued(noticeId);
        Channel channel = Arrays.stream(Channel.values()).filter(c -> c.name().equalsIgnoreCase(channelName)).findFirst()
                .orElseThrow(() -> DeliveryException.noSuchDelivery(noticeId, channelName));
        Delivery d = Delivery.of(noticeId, channel);
        if (d == null) {
            throw DeliveryException.noSuchDelivery(noticeId, channelName);
        }
        Instant now = clock.instant();
        NoticeViews.DeliveryState before = NoticeViews.DeliveryState.of(d);
        int scheduled = Delivery.update("status = ?1, nextAttemptAt = ?2, scheduledAt = ?2 where id = ?3 and status = ?4",
                Delivery.Status.PENDING, now, d.id, Delivery.Status.FAILED);
        Delivery.getEntityManager().refresh(d);
        if (scheduled == 0) {
            throw DeliveryException.notFailed(d);
        }
        // target as the audit filters name a refusal of the same operation: "notices", the path ids
        audit.accepted("notices", noticeId + "/" + channelName, before, NoticeViews.DeliveryState.of(d));
        return d;
    }
}
