package cn.partybuilding.notification.delivery;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.notification.platform.NotificationConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * POSTs a notice as JSON to the configured URL. Any 2xx is success; the receiver can deduplicate by the
 * {@code Idempotency-Key} header (= notice id) should a success response get lost; the {@code traceparent} header carries
 * the trace the notice was issued under, when there is one.
 */
@ApplicationScoped
public class WebhookChannel {
    @Inject
    NotificationConfig config;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public void send(Outgoing o) throws IOException, InterruptedException {
        String url = config.webhook().url().orElseThrow(() -> new IllegalStateException("notification.webhook.url is not set"));
        String json;
        try {
            json = CloudEventCodec.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.webhook().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", o.noticeId())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        // W3C trace context: the receiver can follow the notice to what caused it (the worker resumes the notice's trace)
        String traceparent = TraceContext.current();
        if (traceparent != null) {
            request.header(TraceContext.TRACEPARENT, traceparent);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("webhook answered HTTP " + response.statusCode() + (body.isBlank() ? "" : ": " + abbreviate(body)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
