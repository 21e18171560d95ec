package cn.partybuilding.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
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

    /**
     * Parses a record value; throws {@link InvalidEventException} with a readable reason when it is not a CloudEvent.
     * Streaming (issue 18.5): the envelope's attributes are read token by token, only {@code data} becomes a tree, so a
     * consumer reading hundreds of thousands of events a second builds no tree of the envelope. Same rules and reasons
     * as reading the whole record as a tree: the last of repeated attributes wins, a non-text attribute counts as its
     * text, anything after the object is ignored.
     */
    public static CloudEvent read(byte[] value) {
        return read(value, null).event();
    }

    /**
     * An event read with {@code reader}: {@code data} is the reader's value when it reads the event's type (the event's own
     * {@code data} is then null), else null and the event carries its data as a tree.
     */
    public record Read(CloudEvent event, Object data) {
    }

    /** As {@link #read(byte[])}, the data of the types {@code reader} reads going straight into its values (null: none). */
    public static Read read(byte[] value, DataReader reader) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty record value");
        }
        String specversion = null;
        String id = null;
        String source = null;
        String type = null;
        String subject = null;
        String timeText = null;
        String datacontenttype = null;
        String dataschema = null;
        String traceparent = null;
        JsonNode data = null;
        Object read = null;
        String readAs = null;
        try (JsonParser parser = MAPPER.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException("not a JSON object");
            }
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "specversion" -> specversion = Canonical.of(text(parser, token));
                    case "id" -> id = text(parser, token);
                    case "source" -> source = Canonical.of(text(parser, token));
                    case "type" -> type = Canonical.of(text(parser, token));
                    case "subject" -> subject = Canonical.of(text(parser, token));
                    case "time" -> timeText = text(parser, token);
                    case "datacontenttype" -> datacontenttype = Canonical.of(text(parser, token));
                    case "dataschema" -> dataschema = Canonical.of(text(parser, token));
                    case "traceparent" -> traceparent = text(parser, token);
                    case "data" -> {
                        if (token == null) {
                            throw new InvalidEventException("not JSON: unexpected end of input");
                        }
                        if (reader != null && type != null && token != JsonToken.VALUE_NULL && reader.reads(type)) {
                            read = reader.read(parser, token);
                            readAs = type;
                            data = null;
                        } else {
                            data = token == JsonToken.VALUE_NULL ? NullNode.getInstance() : MAPPER.readTree(parser);
                            read = null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new InvalidEventException("not JSON: unexpected end of input");
            }
        } catch (IOException e) {
            throw new InvalidEventException("not JSON: " + firstLine(e.getMessage()));
        }
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new InvalidEventException("specversion must be 1.0, was " + specversion);
        }
        required(id, "id");
        required(source, "source");
        required(type, "type");
        OffsetDateTime time = null;
        if (timeText != null) {
            try {
                time = Rfc3339.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("time is not RFC 3339: " + timeText);
            }
        }
        // tolerant: a malformed trace context is dropped, never a reason to dead-letter the event
        if (traceparent != null && !CloudEvent.TRACEPARENT.matcher(traceparent).matches()) {
            traceparent = null;
        }
        if (read != null && !readAs.equals(type)) {
            // "type" given twice, the data read as the first: the last one wins, as for every attribute
            throw new InvalidEventException("attribute 'type' given twice (" + readAs + ", " + type + ")");
        }
        return new Read(new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, traceparent), read);
    }

    /**
     * A value as a tree's {@code asText()} would give it: null for JSON null, the text of a string, number or boolean,
     * and "" for an object or array (skipped). For attributes, and for a {@link DataReader}'s fields.
     */
    public static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new InvalidEventException("not JSON: unexpected end of input");
        }
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue().toString();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> {
                parser.skipChildren();
                yield "";
            }
        };
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing required attribute '" + field + "'");
        }
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
