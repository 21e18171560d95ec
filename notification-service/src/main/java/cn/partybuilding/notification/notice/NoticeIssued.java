package cn.partybuilding.notification.notice;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Payload of cn.partybuilding.notice.issued (AsyncAPI schema NoticeStatus); {@code at} = issue time. Package-private
 * and built from the {@link Notice} only: a published contract, never a REST body (those are delivery's NoticeViews).
 */
record NoticeIssued(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unitCode, // committee notices have none: left out, never null (the contract says string)
        String period,
        OffsetDateTime at,
        String title) {

    static NoticeIssued of(Notice n, ZoneId zone) {
        return new NoticeIssued(n.id, n.noticeKey, n.type.name(), n.documentNumber, n.recipientId, n.unitCode, n.period,
                NoticeEvents.at(n.issuedAt, zone), n.title);
    }
}
