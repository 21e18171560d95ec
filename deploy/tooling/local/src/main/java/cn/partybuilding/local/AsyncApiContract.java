package cn.partybuilding.local;

import cn.partybuilding.contracts.CloudEvent;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event contract of {@code contracts/asyncapi.yaml} (module deploy/platform/contracts) as a test oracle for
 * publishers: which topic an event type goes to, and whether a payload conforms to the schema of the message whose
 * {@code name} is the CloudEvent type. Validation is done by networknt's json-schema-validator with the draft-07
 * dialect (AsyncAPI 3.0's default schema format is a superset of draft-07; {@code type: [string, 'null']} needs it),
 * format assertions on ({@code format: date} must be a real date), {@code $ref}s resolved inside the document.
 *
 * <p>One addition, on purpose: every object schema with {@code properties} and no {@code additionalProperties} is
 * checked as closed. The document tells readers to ignore unknown fields; a publisher, however, must not put a field
 * on the wire that the contract does not name, or the contract silently grows (a new REST field leaking into an event
 * is exactly that). Free-form objects (no {@code properties}) stay open; the document uses no allOf/anyOf/oneOf, where
 * closing the parts would be wrong.
 */
public final class AsyncApiContract {
    /** Where the contracts module puts the document on the classpath. */
    public static final String RESOURCE = "contracts/asyncapi.yaml";
    /** The base IRI the document is registered under, so that its internal {@code $ref}s resolve. */
    private static final String BASE = "urn:partybuilding:asyncapi";

    private final Map<String, Schema> payloadByType = new LinkedHashMap<>();
    private final Map<String, String> topicByType = new LinkedHashMap<>();

    private AsyncApiContract(JsonNode document) {
        ObjectNode closed = (ObjectNode) document.deepCopy();
        closeObjects(closed.path("components").path("schemas"), true);
        closed.path("components").path("messages").forEach(message -> closeObjects(message.path("payload"), false));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(BASE, closed.toString())));
        for (Map.Entry<String, JsonNode> message : closed.path("components").path("messages").properties()) {
            String type = message.getValue().path("name").asString(null);
            JsonNode payload = message.getValue().path("payload");
            if (type == null || payload.isMissingNode()) {
                continue;
            }
            String pointer = payload.has("$ref") ? payload.get("$ref").asString()
                    : "#/components/messages/" + message.getKey() + "/payload";
            payloadByType.put(type, registry.getSchema(SchemaLocation.of(BASE + pointer)));
        }
        for (JsonNode channel : closed.path("channels")) {
            for (JsonNode ref : channel.path("messages")) {
                JsonNode message = resolve(closed, ref);
                topicByType.put(message.path("name").asString(), channel.path("address").asString());
            }
        }
    }

    /** The document the contracts module ships, read from the classpath. */
    public static AsyncApiContract load() {
        try (InputStream in = AsyncApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (add the contracts module)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A contract from an AsyncAPI 3 document in YAML (or JSON, which is YAML). */
    public static AsyncApiContract parse(String yaml) {
        return new AsyncApiContract(YAMLMapper.builder().build().readTree(yaml));
    }

    /** Every CloudEvent type the document has a message for. */
    public Set<String> eventTypes() {
        return Collections.unmodifiableSet(payloadByType.keySet());
    }

    /** The topic (channel address) the contract puts this event type on; null when no channel carries it. */
    public String topicOf(String eventType) {
        return topicByType.get(eventType);
    }

    /** Everything wrong with {@code data} (the payload as JSON text) for {@code eventType}; empty when it conforms. */
    public List<String> violations(String eventType, String data) {
        Schema schema = payloadByType.get(eventType);
        if (schema == null) {
            return List.of("type " + eventType + " is not in the contract");
        }
        if (data == null) {
            return List.of("data is missing");
        }
        List<Error> errors = schema.validate(data, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        List<String> problems = new ArrayList<>(errors.size());
        for (Error error : errors) {
            problems.add("data" + error.getInstanceLocation().toString().replaceFirst("^\\$", "") + ": " + error.getMessage()
                    .replaceFirst("^\\$[^:]*: ", ""));
        }
        return problems;
    }

    /** Same, for a payload held as Jackson 2 tree (what {@link CloudEvent#data()} is). */
    public List<String> violations(String eventType, com.fasterxml.jackson.databind.JsonNode data) {
        return violations(eventType, data == null || data.isMissingNode() ? null : data.toString());
    }

    /** The event's payload conforms to its type's schema, or an {@link AssertionError} listing every violation. */
    public void assertConforms(CloudEvent event) {
        List<String> problems = violations(event.type(), event.data());
        if (!problems.isEmpty()) {
            throw new AssertionError(event.type() + " does not conform to " + RESOURCE + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Marks object schemas closed (see the class comment). {@code map} says the node is a map of named schemas
     * (components/schemas) rather than a schema.
     */
    private static void closeObjects(JsonNode node, boolean map) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (map) {
            object.forEach(schema -> closeObjects(schema, false));
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(property -> closeObjects(property, false));
        closeObjects(object.path("items"), false);
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        while (node != null && node.has("$ref")) {
            node = root.at(node.get("$ref").asString().substring(1));
        }
        return node;
    }
}
