package cn.partybuilding.local;

import cn.partybuilding.contracts.CloudEventCodec;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks every operation of a service's OpenAPI document ({@code /q/openapi}) and calls it without a token: each must
 * answer 401 as problem+json. Written once for the three services' tests, so that an endpoint added later without a
 * role cannot stay open (the document lists it as soon as it exists).
 */
public final class OpenApiWalk {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An operation and what it answered. */
    public record Answer(String method, String path, int status, String contentType) {
        public boolean refusedAsUnauthenticated() {
            return status == 401 && contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private OpenApiWalk() {
    }

    /** Every operation of the document at {@code baseUrl + "/q/openapi"}, called once without a token. */
    public static List<Answer> withoutToken(String baseUrl) {
        String base = baseUrl.replaceAll("/+$", "");
        JsonNode document = document(base);
        List<Answer> answers = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    Iterator<String> types = path.getValue().path(method).path("requestBody").path("content").fieldNames();
                    answers.add(call(base, method.toUpperCase(), path.getKey(), types.hasNext() ? types.next() : "application/json"));
                }
            }
        }
        if (answers.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document at " + base + " lists no operation");
        }
        return answers;
    }

    private static JsonNode document(String base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return CloudEventCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer call(String base, String method, String template, String contentType) {
        // any value reaches the operation: path parameters are matched before they are checked
        String path = template.replaceAll("\\{[^}]+}", "x1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            // the operation's own media type, so that the answer is about the token and not about the body's type
            String body = contentType.contains("json") ? "{}" : "";
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method, template, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
