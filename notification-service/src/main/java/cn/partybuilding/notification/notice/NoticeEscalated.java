package cn.partybuilding.notification.notice;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Payload of cn.partybuilding.notice.escalated (AsyncAPI schema NoticeStatus): the notice that was not
 * acknowledged in time; {@code escalatedTo} is the next recipient, {@code escalationNoticeId} the 督办通知 issued to it.
 * Package-private and built from the two {@link Notice}s only, like {@link NoticeIssued}.
 */
record NoticeEscalated(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unitCode, // committee notices have none: left out, never null (the contract says string)
        String period,
        OffsetDateTime at,
        String escalatedTo,
        String escalationNoticeId,
        int escalationLevel) {

    static NoticeEscalated of(Notice n, Notice escalation, ZoneId zone) {
        return new NoticeEscalated(n.id, n.noticeKey, n.type.name(), n.documentNumber, n.recipientId, n.unitCode, n.period,
                NoticeEvents.at(n.escalatedAt, zone), escalation.recipientId, escalation.id, escalation.escalationLevel);
    }
}
