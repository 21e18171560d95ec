package cn.partybuilding.assessment.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The payload schemas of the AsyncAPI contract (contracts/asyncapi.yaml from deploy/platform/contracts), and a check of an
 * event's data against them: required fields present, no field the schema does not name, types and enum values right.
 */
public final class AsyncApiSchema {
    private final JsonNode root;
    private final Map<String, JsonNode> payloadByType = new HashMap<>();
    private final Map<String, String> channelByType = new HashMap<>();

    private AsyncApiSchema(JsonNode root) {
        this.root = root;
        root.path("components").path("messages").forEach(message ->
                payloadByType.put(message.path("name").asText(), resolve(message.path("payload"))));
        root.path("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            JsonNode message = resolve(ref);
            channelByType.put(message.path("name").asText(), channel.path("address").asText());
        }));
    }

    public static AsyncApiSchema load() {
        try (InputStream in = AsyncApiSchema.class.getClassLoader().getResourceAsStream("contracts/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contracts/asyncapi.yaml not on the classpath");
            }
            return new AsyncApiSchema(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The topic the contract puts this event type on. */
    public String topicOf(String type) {
        return channelByType.get(type);
    }

    /** Everything wrong with {@code data} for {@code type}; empty when it conforms. */
    public List<String> violations(String type, JsonNode data) {
        JsonNode schema = payloadByType.get(type);
        List<String> problems = new ArrayList<>();
        if (schema == null) {
            problems.add("type " + type + " not in the contract");
            return problems;
        }
        check(schema, data, "data", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            if (!allows(schema, "null")) {
                problems.add(path + " is null but the schema does not allow null");
            }
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.asText().equals(value.asText());
            }
            if (!found) {
                problems.add(path + " = " + value + " not in " + schema.get("enum"));
            }
        }
        if (allows(schema, "object") && schema.has("properties")) {
            if (!value.isObject()) {
                problems.add(path + " should be an object");
                return;
            }
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(path + "." + r.asText() + " is required");
                }
            });
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                JsonNode property = schema.get("properties").get(field);
                if (property == null) {
                    problems.add(path + "." + field + " is not in the schema");
                } else {
                    check(property, value.get(field), path + "." + field, problems);
                }
            }
        } else if (allows(schema, "array")) {
            if (!value.isArray()) {
                problems.add(path + " should be an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        } else if (allows(schema, "integer") && !value.isIntegralNumber()) {
            problems.add(path + " should be an integer, is " + value);
        } else if (allows(schema, "number") && !value.isNumber()) {
            problems.add(path + " should be a number, is " + value);
        } else if (allows(schema, "boolean") && !value.isBoolean()) {
            problems.add(path + " should be a boolean, is " + value);
        } else if (allows(schema, "string") && !value.isTextual()) {
            problems.add(path + " should be a string, is " + value);
        } else if (allows(schema, "string") && schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
            problems.add(path + " = " + value + " does not match " + schema.get("pattern").asText());
        } else if (allows(schema, "string") && "date".equals(schema.path("format").asText()) && !value.asText().matches("^\\d{4}-\\d{2}-\\d{2}$")) {
            problems.add(path + " = " + value + " is not a date YYYY-MM-DD");
        }
    }

    private static boolean allows(JsonNode schema, String type) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            for (JsonNode option : t) {
                if (option.asText().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return t.asText().equals(type);
    }

    private JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = root;
            for (String part : parts) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }
}
