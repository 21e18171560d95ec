package cn.partybuilding.notification.notice;

import java.time.OffsetDateTime;

/**
 * Payload of cn.partybuilding.notice.escalated (AsyncAPI schema NoticeStatus): the notice that was not
 * acknowledged in time; {@code escalatedTo} is the next recipient, {@code escalationNoticeId} the 督办通知 issued to it.
 */
public record NoticeEscalated(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        String unitCode,
        String period,
        OffsetDateTime at,
        String escalatedTo,
        String escalationNoticeId,
        int escalationLevel) {
}
