package cn.partybuilding.reporting.publication;

import java.time.LocalDate;
import java.util.Map;

/** Payload of cn.partybuilding.notice.requested: one notice to one recipient; noticeKey = type|recipientId|period. */
public record NoticeRequest(String noticeKey, String noticeType, String period, String unitCode, String unitName,
                            Recipient recipient, LocalDate deadline, Map<String, Object> facts) {

    public record Recipient(String id, String kind, String name, String email) {
    }

    public static String key(String type, String recipientId, String period) {
        return type + "|" + recipientId + "|" + period;
    }
}
