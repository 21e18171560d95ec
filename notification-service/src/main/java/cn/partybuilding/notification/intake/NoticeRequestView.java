package cn.partybuilding.notification.intake;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;

/** What this service reads of notice.requested (AsyncAPI NoticeRequest). */
public record NoticeRequestView(String noticeKey, String noticeType, String period, String unitCode, String unitName,
                                Recipient recipient, LocalDate deadline, JsonNode facts) {
    public record Recipient(String id, String kind, String name, String email) {
    }
}
