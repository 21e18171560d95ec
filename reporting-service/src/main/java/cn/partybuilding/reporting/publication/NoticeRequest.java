package cn.partybuilding.reporting.publication;

import java.time.LocalDate;
import java.util.Map;

/**
 * Payload of cn.partybuilding.notice.requested: one notice to one recipient; noticeKey = type|recipientId|period. Built by
 * the {@link NoticePlanner} from the domain (rankings, roster, exams) and used for the event only; the early warning's
 * REST response shows the same requests as {@code warning.WarningNoticeView}.
 */
public record NoticeRequest(String noticeKey, String noticeType, String period, String unitCode, String unitName,
                            Recipient recipient, LocalDate deadline, Map<String, Object> facts) {

    public record Recipient(String id, String kind, String name, String email) {
    }

    public static String key(String type, String recipientId, String period) {
        return type + "|" + recipientId + "|" + period;
    }
}
