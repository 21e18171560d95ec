package cn.partybuilding.reporting.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Payload of cn.partybuilding.notice.requested: one notice to one recipient, or one county-wide document to the
 * {@code addressees} (recipient kind ALL_UNITS, no unit: unitCode and unitName are left out); noticeKey =
 * type|recipientId|period. Built by
 * the {@link NoticePlanner} from the domain (rankings, roster, exams) and used for the event only; the early warning's
 * REST response shows the same requests as {@code warning.WarningNoticeView}.
 */
public record NoticeRequest(String noticeKey, String noticeType, String period,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String unitCode,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String unitName,
                            Recipient recipient, LocalDate deadline, Map<String, Object> facts,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Addressee> addressees) {

    /** A notice to one recipient (no addressees). */
    public NoticeRequest(String noticeKey, String noticeType, String period, String unitCode, String unitName, Recipient recipient,
                         LocalDate deadline, Map<String, Object> facts) {
        this(noticeKey, noticeType, period, unitCode, unitName, recipient, deadline, facts, null);
    }

    /**
     * One of the many addressees (主送) of a county-wide document (recipient kind {@code ALL_UNITS}, issue 12.5): the
     * document is one, with one 文号; each addressee receives a copy in the inbox and by e-mail.
     */
    public record Addressee(String id, String kind, String name, String email, String unitCode, String unitName) {
    }

    public record Recipient(String id, String kind, String name, String email) {
    }

    public static String key(String type, String recipientId, String period) {
        return type + "|" + recipientId + "|" + period;
    }
}
