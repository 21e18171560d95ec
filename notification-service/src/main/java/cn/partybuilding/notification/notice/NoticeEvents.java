package cn.partybuilding.notification.notice;

import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Publishes notice.issued / acknowledged / escalated on party.notification.v1 through the platform's outbox, keyed by
 * unit code ({@code COMMITTEE} when there is none), inside the caller's transaction.
 */
@ApplicationScoped
public class NoticeEvents {
    @Inject
    EventPublisher publisher;

    @Inject
    Clock clock;

    public void issued(Notice n) {
        publish(EventTypes.NOTICE_ISSUED, n, NoticeIssued.of(n, clock.getZone()));
    }

    public void acknowledged(Notice n) {
        publish(EventTypes.NOTICE_ACKNOWLEDGED, n, NoticeAcknowledged.of(n, clock.getZone()));
    }

    public void escalated(Notice n, Notice escalation) {
        publish(EventTypes.NOTICE_ESCALATED, n, NoticeEscalated.of(n, escalation, clock.getZone()));
    }

    public void withdrawn(Notice n) {
        publish(EventTypes.NOTICE_WITHDRAWN, n, NoticeWithdrawn.of(n, clock.getZone()));
    }

    private void publish(String type, Notice n, Object payload) {
        String subject = n.unitCode == null || n.unitCode.isBlank() ? Topics.COMMITTEE_SUBJECT : n.unitCode;
        publisher.publish(Topics.NOTIFICATION, type, subject, payload);
    }

    static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }
}
