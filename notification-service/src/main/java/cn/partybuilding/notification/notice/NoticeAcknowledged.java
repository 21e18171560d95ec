package cn.partybuilding.notification.notice;

import java.time.OffsetDateTime;

/** Payload of cn.partybuilding.notice.acknowledged (AsyncAPI schema NoticeStatus); {@code at} = 签收 time. */
public record NoticeAcknowledged(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        String unitCode,
        String period,
        OffsetDateTime at,
        String acknowledgedBy) {
}
