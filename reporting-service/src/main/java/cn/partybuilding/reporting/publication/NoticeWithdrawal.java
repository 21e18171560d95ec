package cn.partybuilding.reporting.publication;

/**
 * Payload of cn.partybuilding.notice.withdrawal-requested (NoticeWithdrawal in the AsyncAPI contract, issue 13.5): a notice
 * requested by an earlier version of a month that the republished version no longer calls for; notification-service marks
 * it 已撤回 with {@code reason} and tells its recipient.
 */
record NoticeWithdrawal(String noticeKey, String noticeType, String period, String unitCode, String recipientId, int version,
                        String reason) {
}
