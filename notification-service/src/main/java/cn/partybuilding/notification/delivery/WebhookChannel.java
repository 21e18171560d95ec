package cn.partybuilding.notification.delivery;

import cn.partybuilding.contracts.CloudEventCodec;
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
 * {@code Idempotency-Key} header (= notice id) should a success response get lost.
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.webhook().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", o.noticeId())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("webhook answered HTTP " + response.statusCode() + (body.isBlank() ? "" : ": " + abbreviate(body)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
