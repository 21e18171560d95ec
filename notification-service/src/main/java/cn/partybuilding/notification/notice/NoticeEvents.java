package cn.partybuilding.notification.notice;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Writes notice.issued / acknowledged / escalated to the outbox, keyed by unit code, inside the caller's transaction. */
@ApplicationScoped
public class NoticeEvents {
    static final String SOURCE = "/notification-service";

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    public void issued(Notice n) {
        append(EventTypes.NOTICE_ISSUED, n, NoticeIssued.of(n, clock.getZone()));
    }

    public void acknowledged(Notice n) {
        append(EventTypes.NOTICE_ACKNOWLEDGED, n, NoticeAcknowledged.of(n, clock.getZone()));
    }

    public void escalated(Notice n, Notice escalation) {
        append(EventTypes.NOTICE_ESCALATED, n, NoticeEscalated.of(n, escalation, clock.getZone()));
    }

    private void append(String type, Notice n, Object payload) {
        String subject = n.unitCode == null || n.unitCode.isBlank() ? Topics.COMMITTEE_SUBJECT : n.unitCode;
        CloudEvent event = CloudEvent.withId(java.util.UUID.randomUUID().toString(), SOURCE, type, subject,
                OffsetDateTime.now(clock), CloudEventCodec.toTree(payload));
        outbox.append(Topics.NOTIFICATION, event);
    }

    static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }
}
