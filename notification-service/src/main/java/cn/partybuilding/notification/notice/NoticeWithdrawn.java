package cn.partybuilding.notification.notice;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Payload of cn.partybuilding.notice.withdrawn (AsyncAPI schema NoticeStatus, issue 13.5): the notice marked 已撤回, why,
 * and the 撤回通知 that told its recipient. Package-private and built from the two {@link Notice}s only.
 */
record NoticeWithdrawn(
        String noticeId,
        String noticeKey,
        String noticeType,
        String documentNumber,
        String recipientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String unitCode,
        String period,
        OffsetDateTime at,
        String withdrawalReason,
        String withdrawalNoticeId) {

    static NoticeWithdrawn of(Notice n, ZoneId zone) {
        return new NoticeWithdrawn(n.id, n.noticeKey, n.type.name(), n.documentNumber, n.recipientId, n.unitCode, n.period,
                NoticeEvents.at(n.withdrawnAt, zone), n.withdrawalReason, n.withdrawalNoticeId);
    }
}
