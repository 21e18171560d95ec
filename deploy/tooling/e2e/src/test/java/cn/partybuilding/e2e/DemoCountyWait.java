package cn.partybuilding.e2e;

import cn.partybuilding.identity.TokenClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static cn.partybuilding.e2e.RunningSystem.get;

/**
 * Waits for the demo county (assessment-service's loader, {@code assessment.demo.enabled}) to have reached
 * reporting-service, and for the notices a publication sends to reach an inbox.
 */
final class DemoCountyWait {
    /** 40 units; two of them have no October scores (DemoCountyLoader). */
    static final int UNITS = 40;
    static final int UNSUBMITTED_IN_OCTOBER = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoCountyWait() {
    }

    /**
     * Until assessment-service has relayed every event (outbox backlog 0), reporting-service has read them all (consumer
     * lag 0) and October ranks the demo county's units as the loader left them.
     */
    static void awaitIngested(RunningSystem system) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            if (allZero(system.assessment.managementUrl(), "outbox_backlog") && allZero(system.reporting.managementUrl(), "kafka_consumer_fetch_manager_records_lag{")) {
                RunningSystem.Response october = get(system.reporting, "/rankings/2026-10", system.as("committee-admin"));
                if (october.status() == 200) {
                    JsonNode body = october.json();
                    boolean complete = body.get("entries").size() == UNITS - UNSUBMITTED_IN_OCTOBER
                            && body.get("notSubmitted").size() == UNSUBMITTED_IN_OCTOBER;
                    if (complete && october.body().equals(last)) {
                        return;
                    }
                    last = complete ? october.body() : null;
                }
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("the demo county did not reach reporting-service within 5 minutes");
    }

    /** The newest unacknowledged notice of October in the member's inbox, once notification-service has issued one. */
    static JsonNode awaitNotice(RunningSystem system, TokenClient.Caller reader, String memberId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            RunningSystem.Response inbox = get(system.notification, "/inbox/" + memberId + "?status=unread", reader);
            if (inbox.status() == 200) {
                for (JsonNode notice : inbox.json()) {
                    if ("2026-10".equals(notice.path("period").asText()) && !notice.path("withdrawn").asBoolean()) {
                        return notice;
                    }
                }
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no October notice reached the inbox of " + memberId + " within 2 minutes");
    }

    /** Whether every sample of the metric (Prometheus text of /q/metrics on the management port) is 0. */
    private static boolean allZero(String managementUrl, String metric) throws InterruptedException {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            boolean seen = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(metric.endsWith("{") ? metric : metric + " ") || line.startsWith(metric + "{")) {
                    seen = true;
                    if (Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) != 0) {
                        return false;
                    }
                }
            }
            return seen;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
