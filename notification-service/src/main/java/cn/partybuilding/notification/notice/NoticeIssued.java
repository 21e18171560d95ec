package cn.partybuilding.notification.notice;

import java.time.OffsetDateTime;

/** Payload of cn.partybuilding.notice.issued (AsyncAPI schema NoticeStatus); {@code at} = issue time. */
public record NoticeIssued(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        String unitCode,
        String period,
        OffsetDateTime at,
        String title) {
}
