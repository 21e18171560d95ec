package cn.partybuilding.reporting.facts;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 18.5: a study completion read from the record's bytes (streaming envelope, dates read by hand) gives the same
 * facts as before, and a bad one a clear reason, the one its dead letter carries.
 */
class StudyCompletionParseTest {
    private static final String ENVELOPE = "{\"specversion\":\"1.0\",\"id\":\"e-2081\",\"source\":\"/learning-platform\","
            + "\"type\":\"" + EventTypes.STUDY_COMPLETED + "\",\"subject\":\"U2081\",\"time\":\"%s\",\"data\":%s}";

    private static CloudEvent event(String time, String data) {
        return CloudEventCodec.read(String.format(ENVELOPE, time, data).getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(String time, String data) {
        return assertThrows(InvalidEventException.class, () -> new ParsedBatch().add(Topics.STUDY, event(time, data))).getMessage();
    }

    @Test
    void aCompletionKeepsWhatWhenWhoAndWhichSystem() {
        ParsedBatch batch = new ParsedBatch("/assessment-service");
        batch.add(Topics.STUDY, event("2081-03-31T23:59:59.5+08:00",
                "{\"memberId\":\"M1\",\"unitCode\":\"U2081\",\"activityType\":\"THEME_DAY\",\"date\":\"2081-03-31\",\"minutes\":45}"),
                java.time.Instant.parse("2081-04-01T00:00:00Z"));
        ParsedBatch.Item<EventViews.StudyView> item = batch.study.get(0);
        assertEquals("e-2081", item.eventId());
        assertEquals("/learning-platform", item.source());
        assertEquals(OffsetDateTime.parse("2081-03-31T23:59:59.5+08:00"), item.time());
        assertEquals(java.time.Instant.parse("2081-04-01T00:00:00Z"), item.receivedAt());
        assertEquals("M1", item.view().memberId());
        assertEquals(LocalDate.of(2081, 3, 31), item.view().date());
        assertEquals(1, batch.size());
    }

    @Test
    void aBadCompletionSaysWhy() {
        String ok = "{\"memberId\":\"M1\",\"unitCode\":\"U2081\",\"activityType\":\"THEME_DAY\",\"date\":\"%s\"}";
        assertEquals("date must be YYYY-MM-DD, was '2082-02-29'", reason("2082-02-01T00:00Z", String.format(ok, "2082-02-29")));
        assertEquals("date must be YYYY-MM-DD, was '2082-2-28'", reason("2082-02-01T00:00Z", String.format(ok, "2082-2-28")));
        assertEquals("missing required field 'memberId'",
                reason("2082-02-01T00:00Z", "{\"unitCode\":\"U2081\",\"activityType\":\"THEME_DAY\",\"date\":\"2082-02-01\"}"));
        assertEquals("study.completed has no data object", reason("2082-02-01T00:00Z", "[1]"));
        assertEquals("study.completed has no data object", reason("2082-02-01T00:00Z", "null"));
        // the envelope's own faults are the loop's: unreadable, dead-lettered before any rule runs
        assertEquals("time is not RFC 3339: 2082-02-30T00:00Z", assertThrows(InvalidEventException.class,
                () -> event("2082-02-30T00:00Z", String.format(ok, "2082-02-01"))).getMessage());
    }
}
