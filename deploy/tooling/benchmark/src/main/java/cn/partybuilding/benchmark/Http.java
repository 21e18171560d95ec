package cn.partybuilding.benchmark;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.identity.TokenClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small blocking HTTP helpers for the benchmark's set-up steps; each request carries its caller's bearer token. */
final class Http {
    // HTTP/1.1: the JDK client would otherwise upgrade to h2c and multiplex every request over one connection, which is
    // neither what browsers and wrk do nor a fair load (and its flow control stalled large responses here).
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static JsonNode get(String url, TokenClient.Caller as) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url, as);
    }

    static JsonNode post(String url, Object body, TokenClient.Caller as) {
        return send(json(HttpRequest.newBuilder(URI.create(url)), body).method("POST", publisher(body)), url, as);
    }

    static JsonNode put(String url, Object body, TokenClient.Caller as) {
        return send(json(HttpRequest.newBuilder(URI.create(url)), body).method("PUT", publisher(body)), url, as);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, Object body) {
        return builder.header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        return HttpRequest.BodyPublishers.ofString(body == null ? "" : CloudEventCodec.MAPPER.valueToTree(body).toString());
    }

    private static JsonNode send(HttpRequest.Builder request, String url, TokenClient.Caller as) {
        request.header("Authorization", as.authorization());
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? null : CloudEventCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
