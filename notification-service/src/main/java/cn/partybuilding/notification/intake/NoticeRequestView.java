package cn.partybuilding.notification.intake;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;

/** What this service reads of notice.requested (AsyncAPI NoticeRequest). */
public record NoticeRequestView(String noticeKey, String noticeType, String period, String unitCode, String unitName,
                                Recipient recipient, LocalDate deadline, JsonNode facts, List<Addressee> addressees) {
    public record Recipient(String id, String kind, String name, String email) {
    }

    /** An addressee of a county-wide document (recipient kind ALL_UNITS): who gets a copy, of which unit. */
    public record Addressee(String id, String kind, String name, String email, String unitCode, String unitName) {
    }
}
