package cn.partybuilding.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the envelope of every record on every topic.
 * {@code subject} is the unit code (or {@link Topics#COMMITTEE_SUBJECT}) and equals the Kafka key.
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
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
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
