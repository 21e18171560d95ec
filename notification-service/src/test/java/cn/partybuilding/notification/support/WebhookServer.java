package cn.partybuilding.notification.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiving end of the outbound webhook: answers 200, or 500 for the next N requests about a given
 * recipient (so a test can make one notice's webhook fail without touching the others).
 */
public final class WebhookServer implements AutoCloseable {
    /** One request received: the notice (Idempotency-Key), the body, the {@code traceparent} header (or null), the answer. */
    public record Hit(String noticeId, String body, String traceparent, int answered) {
    }

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresByRecipient = new ConcurrentHashMap<>();

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/notices", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String noticeId = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status = 200;
            for (Map.Entry<String, AtomicInteger> e : failuresByRecipient.entrySet()) {
                if (body.contains("\"recipientId\":\"" + e.getKey() + "\"") && e.getValue().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 500;
                }
            }
            hits.add(new Hit(noticeId, body, exchange.getRequestHeaders().getFirst("traceparent"), status));
            byte[] answer = (status == 200 ? "ok" : "temporarily unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/notices";
    }

    public void failNext(String recipientId, int times) {
        failuresByRecipient.put(recipientId, new AtomicInteger(times));
    }

    public List<Hit> hitsFor(String noticeId) {
        return hits.stream().filter(h -> noticeId.equals(h.noticeId())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
