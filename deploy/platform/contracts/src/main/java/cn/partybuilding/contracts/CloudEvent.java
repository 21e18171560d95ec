package cn.partybuilding.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the envelope of every record on every topic.
 * {@code subject} is the unit code (or {@link Topics#COMMITTEE_SUBJECT}) and equals the Kafka key.
 * {@code traceparent} is the CloudEvents distributed-tracing extension: the W3C trace context of the request (or of the
 * event) that caused this one, so a score can be followed to its notice; absent when nothing traced caused it.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String dataschema,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** W3C Trace Context version 00: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. */
    public static final Pattern TRACEPARENT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
            throw new IllegalArgumentException("traceparent is not a W3C trace context: " + traceparent);
        }
    }

    /** An event without trace context. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
                      String datacontenttype, String dataschema, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, null);
    }

    /** The same event caused by the trace {@code traceparent} (null: none). */
    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, traceparent);
    }

    /** The trace id of {@link #traceparent}, or null. */
    public String traceId() {
        return traceparent == null ? null : traceparent.substring(3, 35);
    }

    /** A new event with a random id, the current time and the dataschema of its type. */
    public static CloudEvent of(String source, String type, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(), "application/json", EventTypes.dataschema(type), data);
    }

    /** Same as {@link #of} but with a caller-chosen id (an outbox row id, a deterministic key). */
    public static CloudEvent withId(String id, String source, String type, String subject, OffsetDateTime time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, id, source, type, subject, time, "application/json", EventTypes.dataschema(type), data);
    }
}
