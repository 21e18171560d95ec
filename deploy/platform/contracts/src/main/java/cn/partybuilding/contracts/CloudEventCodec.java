package cn.partybuilding.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Writes and reads the CloudEvents JSON envelope. Reading is tolerant: unknown attributes and
 * unknown data fields are ignored; only the attributes CloudEvents requires are checked.
 */
public final class CloudEventCodec {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private CloudEventCodec() {
    }

    public static byte[] write(CloudEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    public static String writeString(CloudEvent event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /** Parses a record value; throws {@link InvalidEventException} with a readable reason when it is not a CloudEvent. */
    public static CloudEvent read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty record value");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        String specversion = text(root, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("specversion must be 1.0, was " + specversion);
        }
        String id = required(root, "id");
        String source = required(root, "source");
        String type = required(root, "type");
        OffsetDateTime time = null;
        String timeText = text(root, "time");
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("time is not RFC 3339: " + timeText);
            }
        }
        JsonNode data = root.get("data");
        // tolerant: a malformed trace context is dropped, never a reason to dead-letter the event
        String traceparent = text(root, "traceparent");
        if (traceparent != null && !CloudEvent.TRACEPARENT.matcher(traceparent).matches()) {
            traceparent = null;
        }
        return new CloudEvent(specversion, id, source, type, text(root, "subject"), time,
                text(root, "datacontenttype"), text(root, "dataschema"), data, traceparent);
    }

    /** Reads the event's data into a consumer's own view type (tolerant reader). */
    public static <T> T data(CloudEvent event, Class<T> type) {
        if (event.data() == null || event.data().isNull()) {
            throw new InvalidEventException("event " + event.id() + " of type " + event.type() + " has no data");
        }
        try {
            return MAPPER.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data of " + event.type() + " unreadable: " + firstLine(e.getMessage()));
        }
    }

    public static JsonNode toTree(Object data) {
        return MAPPER.valueToTree(data);
    }

    private static String required(JsonNode root, String field) {
        String value = text(root, field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing required attribute '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
