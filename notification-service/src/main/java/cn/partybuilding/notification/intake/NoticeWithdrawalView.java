package cn.partybuilding.notification.intake;

/** What this service reads of notice.withdrawal-requested (AsyncAPI NoticeWithdrawal, issue 13.5). */
public record NoticeWithdrawalView(String noticeKey, String noticeType, String period, String unitCode, String recipientId,
                                   Integer version, String reason) {
}
