package cn.partybuilding.notification.notice;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Payload of cn.partybuilding.notice.acknowledged (AsyncAPI schema NoticeStatus); {@code at} = 签收 time. Package-private
 * and built from the {@link Notice} only, like {@link NoticeIssued}.
 */
record NoticeAcknowledged(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unitCode, // committee notices have none: left out, never null (the contract says string)
        String period,
        OffsetDateTime at,
        String acknowledgedBy) {

    static NoticeAcknowledged of(Notice n, ZoneId zone) {
        return new NoticeAcknowledged(n.id, n.noticeKey, n.type.name(), n.documentNumber, n.recipientId, n.unitCode, n.period,
                NoticeEvents.at(n.acknowledgedAt, zone), n.acknowledgedBy);
    }
}
