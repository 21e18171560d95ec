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
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** The record read as the live consumer reads it: the completion's data straight into its view, no tree. */
    private static CloudEventCodec.Read streamed(String time, String data) {
        return CloudEventCodec.read(String.format(ENVELOPE, time, data).getBytes(StandardCharsets.UTF_8), ParsedBatch.STUDY_COMPLETION_READER);
    }

    /** The reason from the data as a tree (a replay) and from the record read straight into the view (the live consumer): the same. */
    private static String reason(String time, String data) {
        String fromTree = assertThrows(InvalidEventException.class, () -> new ParsedBatch().add(Topics.STUDY, event(time, data))).getMessage();
        String streamed = assertThrows(InvalidEventException.class, () -> {
            CloudEventCodec.Read read = streamed(time, data);
            new ParsedBatch().add(Topics.STUDY, read.event(), read.data(), null);
        }).getMessage();
        assertEquals(fromTree, streamed, "the same reason either way");
        return fromTree;
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
    void readStraightFromTheRecordItIsTheSameCompletion() {
        String data = "{\"memberId\":\"M1\",\"unitCode\":\"U2081\",\"extra\":{\"nested\":[1,2]},\"activityType\":\"THEME_DAY\","
                + "\"date\":\"2081-03-31\",\"meetingId\":\"MT-7\",\"memberId\":\"M2\"}";
        CloudEventCodec.Read read = streamed("2081-03-31T23:59:59.5+08:00", data);
        assertNull(read.event().data(), "no tree kept beside the view");
        ParsedBatch batch = new ParsedBatch();
        batch.add(Topics.STUDY, read.event(), read.data(), null);
        ParsedBatch fromTree = new ParsedBatch();
        fromTree.add(Topics.STUDY, event("2081-03-31T23:59:59.5+08:00", data));
        assertEquals(fromTree.study.get(0), batch.study.get(0));
        assertEquals(new EventViews.StudyView("M2", "U2081", cn.partybuilding.reporting.scoring.Enums.ActivityType.THEME_DAY,
                LocalDate.of(2081, 3, 31), "MT-7"), batch.study.get(0).view(), "the last of a repeated field, as a tree keeps it");
        // other types, and a record whose data comes before its type, keep their data as a tree
        CloudEventCodec.Read exam = CloudEventCodec.read(("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\""
                + EventTypes.EXAM_GRADED + "\",\"data\":{\"memberId\":\"M1\"}}").getBytes(StandardCharsets.UTF_8), ParsedBatch.STUDY_COMPLETION_READER);
        assertNull(exam.data());
        assertEquals("M1", exam.event().data().get("memberId").asText());
        CloudEventCodec.Read late = CloudEventCodec.read(("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"data\":" + data
                + ",\"type\":\"" + EventTypes.STUDY_COMPLETED + "\"}").getBytes(StandardCharsets.UTF_8), ParsedBatch.STUDY_COMPLETION_READER);
        assertNull(late.data());
        ParsedBatch fromLate = new ParsedBatch();
        fromLate.add(Topics.STUDY, late.event(), late.data(), null);
        assertEquals("M2", fromLate.study.get(0).view().memberId());
        // a second "type" after the data was read as a completion: the last one wins, so the data cannot be the completion's
        assertEquals("attribute 'type' given twice (" + EventTypes.STUDY_COMPLETED + ", x.y)", assertThrows(InvalidEventException.class,
                () -> CloudEventCodec.read(("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"" + EventTypes.STUDY_COMPLETED
                        + "\",\"data\":" + data + ",\"type\":\"x.y\"}").getBytes(StandardCharsets.UTF_8), ParsedBatch.STUDY_COMPLETION_READER)).getMessage());
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
        assertEquals("study.completed has no data object", reason("2082-02-01T00:00Z", "\"M1\""));
        assertEquals("activityType 'SWIMMING' is not one of " + java.util.Arrays.toString(cn.partybuilding.reporting.scoring.Enums.ActivityType.values()),
                reason("2082-02-01T00:00Z", "{\"memberId\":\"M1\",\"unitCode\":\"U2081\",\"activityType\":\"SWIMMING\",\"date\":\"2082-02-01\"}"));
        assertEquals("missing required field 'unitCode'", reason("2082-02-01T00:00Z",
                "{\"memberId\":\"M1\",\"unitCode\":{\"code\":\"U1\"},\"activityType\":\"THEME_DAY\",\"date\":\"2082-02-01\"}"));
        // the envelope's own faults are the loop's: unreadable, dead-lettered before any rule runs
        assertEquals("time is not RFC 3339: 2082-02-30T00:00Z", assertThrows(InvalidEventException.class,
                () -> event("2082-02-30T00:00Z", String.format(ok, "2082-02-01"))).getMessage());
    }
}
