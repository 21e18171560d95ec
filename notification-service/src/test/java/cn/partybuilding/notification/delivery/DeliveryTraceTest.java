package cn.partybuilding.notification.delivery;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.escalation.EscalationJob;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.support.ChannelServersResource;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.notification.support.WebhookServer;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17.4: a notice's deliveries run later on the worker's own thread, and its escalation days later on the job's; both
 * resume the trace the notice was issued under (that of the request that asked for it), so the "failed" and "sent" log
 * lines, the webhook's {@code traceparent} header, the 督办通知 and notice.escalated carry the request's trace id.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class DeliveryTraceTest {
    private static final String TRACE_ID = "2041c0ffee0000000000000000000417";
    private static final String REQUESTED_IN = "00-" + TRACE_ID + "-0000000000000417-01";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Inject
    EscalationJob escalation;

    /** A delivery log line as the worker wrote it, with the trace id the log record carried (MDC traceId). */
    record Line(String message, Object traceId) {
    }

    @Test
    void theDeliveriesAndTheEscalationOfANoticeCarryTheTraceOfTheRequestThatAskedForIt() {
        List<Line> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // called on the logging thread: the MDC is the one the line was written under
                lines.add(new Line(String.format(record.getMessage(), record.getParameters() == null ? new Object[0] : record.getParameters()),
                        MDC.get("traceId")));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger worker = Logger.getLogger(DeliveryWorker.class.getName());
        worker.addHandler(capture);
        String id;
        try {
            clock.setLocal(LocalDateTime.of(2041, 3, 6, 10, 0)); // Wednesday
            WebhookServer webhook = ChannelServersResource.webhook();
            webhook.failNext("DT-M1", 1); // a failed attempt, then a retry that succeeds
            Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER",
                    new Recipient("DT-M1", "MEMBER", "赵敏", "zhaomin@sjj.example.gov.cn"), "2041-02", "DT1", "县统计局", null,
                    Map.of("completionRate", 0.3, "platformPoints", 80)).withTraceparent(REQUESTED_IN));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/DT-M1").then().body("$", hasSize(1)));
            id = given().get("/inbox/DT-M1").then().extract().jsonPath().getString("[0].id");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath detail = given().get("/notices/" + id).then().extract().jsonPath();
                assertEquals("SENT", detail.getString("deliveries.find { it.channel == 'WEBHOOK' }.status"));
                assertEquals("SENT", detail.getString("deliveries.find { it.channel == 'EMAIL' }.status"));
            });

            List<WebhookServer.Hit> hits = webhook.hitsFor(id);
            assertEquals(List.of(500, 200), hits.stream().map(WebhookServer.Hit::answered).toList());
            hits.forEach(h -> assertEquals(REQUESTED_IN, h.traceparent(), "the webhook request carries the notice's trace"));

            List<Line> ours = lines.stream().filter(l -> l.message().contains(id)).toList();
            assertTrue(ours.stream().anyMatch(l -> l.message().contains("over WEBHOOK failed")), ours::toString);
            assertTrue(ours.stream().anyMatch(l -> l.message().contains("over WEBHOOK sent")), ours::toString);
            assertTrue(ours.stream().anyMatch(l -> l.message().contains("over EMAIL sent")), ours::toString);
            ours.forEach(l -> assertEquals(TRACE_ID, l.traceId(), l::message));
        } finally {
            worker.removeHandler(capture);
        }

        // not signed for three working days (Thu 7, Fri 8, Mon 11): on Tuesday the job escalates it, under the notice's trace
        clock.setLocal(LocalDateTime.of(2041, 3, 12, 8, 30));
        List<Notice> escalated = escalation.escalateDue().stream().filter(n -> "DT1".equals(n.unitCode)).toList();
        assertEquals(1, escalated.size());
        assertEquals(REQUESTED_IN, escalated.get(0).traceparent, "the 督办通知 is issued under the notice's trace");
        List<CloudEvent> announced = TopicProbe.readUntil(bootstrap, Topics.NOTIFICATION, Duration.ofSeconds(60),
                        seen -> seen.stream().map(TopicProbe::parseOrNull).anyMatch(e -> isEscalationOf(e, id)))
                .stream().map(TopicProbe::parseOrNull).filter(e -> isEscalationOf(e, id)).toList();
        assertFalse(announced.isEmpty());
        assertEquals(TRACE_ID, announced.get(0).traceId(), "notice.escalated carries the trace of the request that asked for the notice");
    }

    private static boolean isEscalationOf(CloudEvent e, String noticeId) {
        return e != null && EventTypes.NOTICE_ESCALATED.equals(e.type()) && e.data() != null
                && noticeId.equals(e.data().path("noticeId").asText());
    }
}
