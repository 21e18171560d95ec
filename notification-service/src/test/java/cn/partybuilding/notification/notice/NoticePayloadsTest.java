package cn.partybuilding.notification.notice;

import cn.partybuilding.contracts.CloudEventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The published payloads byte for byte (AsyncAPI NoticeStatus, as consumers read them today): field names, order,
 * explicit nulls (except unitCode, which the contract types as a string: a committee notice leaves it out) and the
 * offset date-time in the service's zone. Built from the notice alone, so no REST view can change them.
 */
class NoticePayloadsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void issued() throws JsonProcessingException {
        assertEquals("{\"noticeId\":\"n-1\",\"noticeKey\":\"CRITICISM|m-7|2026-10\",\"noticeType\":\"CRITICISM\","
                        + "\"documentNumber\":\"县直工委通〔2026〕3号\",\"recipientId\":\"m-7\",\"unitCode\":\"U001\",\"period\":\"2026-10\","
                        + "\"at\":\"2026-11-25T09:30:00+08:00\",\"title\":\"关于对县统计局2026年10月机关党建工作予以通报批评的通报\"}",
                json(NoticeIssued.of(notice(), ZONE)));
    }

    @Test
    void acknowledged() throws JsonProcessingException {
        Notice n = notice();
        n.acknowledgedAt = Instant.parse("2026-11-26T02:00:00Z");
        n.acknowledgedBy = "张三";
        assertEquals("{\"noticeId\":\"n-1\",\"noticeKey\":\"CRITICISM|m-7|2026-10\",\"noticeType\":\"CRITICISM\","
                        + "\"documentNumber\":\"县直工委通〔2026〕3号\",\"recipientId\":\"m-7\",\"unitCode\":\"U001\",\"period\":\"2026-10\","
                        + "\"at\":\"2026-11-26T10:00:00+08:00\",\"acknowledgedBy\":\"张三\"}",
                json(NoticeAcknowledged.of(n, ZONE)));
    }

    @Test
    void escalatedWithoutUnitLeavesTheUnitOut() throws JsonProcessingException {
        Notice n = notice();
        n.unitCode = null;
        n.escalatedAt = Instant.parse("2026-12-01T01:00:00Z");
        Notice escalation = new Notice();
        escalation.id = "n-2";
        escalation.recipientId = "COMMITTEE";
        escalation.escalationLevel = 1;
        assertEquals("{\"noticeId\":\"n-1\",\"noticeKey\":\"CRITICISM|m-7|2026-10\",\"noticeType\":\"CRITICISM\","
                        + "\"documentNumber\":\"县直工委通〔2026〕3号\",\"recipientId\":\"m-7\",\"period\":\"2026-10\","
                        + "\"at\":\"2026-12-01T09:00:00+08:00\",\"escalatedTo\":\"COMMITTEE\",\"escalationNoticeId\":\"n-2\",\"escalationLevel\":1}",
                json(NoticeEscalated.of(n, escalation, ZONE)));
    }

    private static Notice notice() {
        Notice n = new Notice();
        n.id = "n-1";
        n.noticeKey = "CRITICISM|m-7|2026-10";
        n.type = NoticeType.CRITICISM;
        n.documentNumber = "县直工委通〔2026〕3号";
        n.recipientId = "m-7";
        n.recipientKind = RecipientKind.UNIT_SECRETARY;
        n.recipientName = "李明";
        n.unitCode = "U001";
        n.unitName = "县统计局";
        n.period = "2026-10";
        n.issuedAt = Instant.parse("2026-11-25T01:30:00Z");
        n.title = "关于对县统计局2026年10月机关党建工作予以通报批评的通报";
        return n;
    }

    /** As NoticeEvents hands the payload to the outbox. */
    private static String json(Object payload) throws JsonProcessingException {
        return CloudEventCodec.MAPPER.writeValueAsString(CloudEventCodec.toTree(payload));
    }
}
