package cn.partybuilding.notification.notice;

/**
 * The identity of a notice: {@code type|recipientId|period}. However often a request arrives, one key
 * means one live notice; only once it is withdrawn may a new request give the key its next edition (unique constraint
 * on notice (notice_key, edition)).
 */
public final class NoticeKey {
    private NoticeKey() {
    }

    public static String of(NoticeType type, String recipientId, String period) {
        return type.name() + "|" + recipientId + "|" + period;
    }

    /** Escalation notices: one per escalated notice and next recipient. */
    public static String escalation(String recipientId, String escalatedNoticeId) {
        return of(NoticeType.ESCALATION, recipientId, escalatedNoticeId);
    }
}
