package cn.partybuilding.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventCodecTest {
    record StudyView(String memberId, String activityType) {
    }

    @Test
    void roundTripKeepsEveryAttribute() {
        CloudEvent event = CloudEvent.of("/assessment-service", EventTypes.STUDY_COMPLETED, "U001",
                CloudEventCodec.toTree(Map.of("memberId", "M1", "activityType", "WEEKLY_STUDY", "unitCode", "U001")));
        CloudEvent back = CloudEventCodec.read(CloudEventCodec.write(event));
        assertEquals(event.id(), back.id());
        assertEquals("1.0", back.specversion());
        assertEquals("U001", back.subject());
        assertEquals("urn:partybuilding:schema:study.completed:1", back.dataschema());
        assertEquals(event.time().toInstant(), back.time().toInstant());
        assertEquals("M1", CloudEventCodec.data(back, StudyView.class).memberId());
    }

    @Test
    void tolerantReaderIgnoresUnknownFieldsAndAttributes() {
        String json = """
                {"specversion":"1.0","id":"e1","source":"/learning-platform","type":"cn.partybuilding.study.completed",
                 "subject":"U002","vendorextension":"x",
                 "data":{"memberId":"M9","activityType":"THEME_DAY","platformSpecific":{"a":1}}}""";
        CloudEvent event = CloudEventCodec.read(json.getBytes(StandardCharsets.UTF_8));
        assertNull(event.time());
        assertEquals("THEME_DAY", CloudEventCodec.data(event, StudyView.class).activityType());
    }

    @Test
    void unreadableRecordsSayWhy() {
        assertTrue(assertThrows(InvalidEventException.class, () -> CloudEventCodec.read("not json".getBytes(StandardCharsets.UTF_8)))
                .getMessage().startsWith("not JSON"));
        assertEquals("missing required attribute 'id'", assertThrows(InvalidEventException.class, () -> CloudEventCodec.read(
                "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("specversion must be 1.0, was 0.3", assertThrows(InvalidEventException.class, () -> CloudEventCodec.read(
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("empty record value", assertThrows(InvalidEventException.class, () -> CloudEventCodec.read(new byte[0])).getMessage());
        CloudEvent noData = CloudEventCodec.read("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidEventException.class, () -> CloudEventCodec.data(noData, StudyView.class));
    }

    /** The streaming reader (issue 18.5) keeps what reading the record as a tree accepted and refused. */
    @Test
    void theStreamingReaderKeepsTheRulesOfTheTree() {
        CloudEvent event = CloudEventCodec.read(bytes("""
                {"vendor":{"nested":[1,{"id":"not this"}]},"specversion":"1.0","id":42,"source":"/old","source":"/learning-platform",
                 "type":"cn.partybuilding.study.completed","time":"2026-10-31T12:00:05.5+08:00","data":{"memberId":"M9","list":[1,2]}}
                 trailing text is ignored"""));
        assertEquals("42", event.id()); // a number counts as its text
        assertEquals("/learning-platform", event.source()); // the last of repeated attributes wins
        assertEquals(java.time.OffsetDateTime.parse("2026-10-31T12:00:05.5+08:00"), event.time());
        assertEquals("M9", event.data().get("memberId").asText());
        assertEquals(2, event.data().get("list").size());
        assertTrue(CloudEventCodec.read(bytes("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":null}"))
                .data().isNull());
        assertEquals("not a JSON object", reason("[1,2]"));
        assertEquals("not a JSON object", reason("   "));
        assertEquals("not a JSON object", reason("\"text\""));
        assertTrue(reason("{\"specversion\":\"1.0\",\"id\":\"1\"").startsWith("not JSON"), reason("{\"specversion\":\"1.0\",\"id\":\"1\""));
        assertTrue(reason("{\"specversion\":\"1.0\",\"data\":{\"a\":}}").startsWith("not JSON"));
        assertEquals("missing required attribute 'id'", reason("{\"specversion\":\"1.0\",\"id\":{},\"source\":\"s\",\"type\":\"t\"}"));
        assertEquals("missing required attribute 'type'", reason("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\" \"}"));
        assertEquals("specversion must be 1.0, was null", reason("{\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}"));
        assertEquals("time is not RFC 3339: 2026-02-30T12:00Z",
                reason("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-02-30T12:00Z\"}"));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(String json) {
        return assertThrows(InvalidEventException.class, () -> CloudEventCodec.read(bytes(json))).getMessage();
    }

    @Test
    void theTraceContextTravelsAsTheCloudEventsExtensionTraceparent() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        CloudEvent event = CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, "U001",
                CloudEventCodec.toTree(Map.of("unitCode", "U001"))).withTraceparent(traceparent);
        String json = CloudEventCodec.writeString(event);
        assertTrue(json.contains("\"traceparent\":\"" + traceparent + "\""), json);
        CloudEvent back = CloudEventCodec.read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(traceparent, back.traceparent());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", back.traceId());
        // without trace context the envelope is as before: no attribute at all
        String plain = CloudEventCodec.writeString(event.withTraceparent(null));
        assertFalse(plain.contains("traceparent"), plain);
        assertNull(CloudEventCodec.read(plain.getBytes(StandardCharsets.UTF_8)).traceparent());
    }

    @Test
    void aMalformedTraceparentIsIgnoredNotRejected() {
        for (String bad : new String[]{"\"garbage\"", "\"00-00000000000000000000000000000000-00f067aa0ba902b7-01\"", "42"}) {
            CloudEvent read = CloudEventCodec.read(("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"traceparent\":"
                    + bad + "}").getBytes(StandardCharsets.UTF_8));
            assertNull(read.traceparent(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CloudEvent.of("/s", EventTypes.NOTICE_REQUESTED, "U", null).withTraceparent("not-a-trace"));
    }
}
