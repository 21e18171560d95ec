package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeIssuedSignal;
import cn.partybuilding.notification.platform.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.UUID;

/** When a notice is issued (same transaction), creates a PENDING row per channel it goes out on. */
@ApplicationScoped
public class DeliveryScheduler {
    @Inject
    NotificationConfig config;
    @Inject
    Clock clock;

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
        d.persist();
    }
}
