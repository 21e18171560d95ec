package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.support.ChannelServersResource;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.notification.support.WebhookServer;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook that keeps failing is retried until notification.delivery.give-up-after (8s in tests), then the delivery is
 * FAILED with the last error; the committee resends it, and it goes out. Resending what is not failed is refused.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ResendTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aDeliveryThatGaveUpIsFailedAndCanBeResent() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 10, 0));
        WebhookServer webhook = ChannelServersResource.webhook();
        webhook.failNext("RS-M1", 1_000);
        Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER", new Recipient("RS-M1", "MEMBER", "孙丽", null),
                "2026-11", "RS01", "县科技局", null, Map.of("completionRate", 0.2)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/RS-M1").then().body("$", hasSize(1)));
        String id = given().get("/inbox/RS-M1").then().extract().jsonPath().getString("[0].id");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertEquals("FAILED", webhookOf(id).get("status")));
        Map<String, Object> failed = webhookOf(id);
        assertEquals("webhook answered HTTP 500: temporarily unavailable", failed.get("lastError"));
        assertNull(failed.get("nextAttemptAt"), "a delivery that gave up has no next attempt");
        int attempts = (Integer) failed.get("attempts");
        assertTrue(attempts > 3, "retried until the window closed, attempts " + attempts);
        assertEquals(attempts, webhook.hitsFor(id).size());

        // the receiver is fixed; the committee resends
        webhook.failNext("RS-M1", 0);
        given().post("/notices/" + id + "/deliveries/WEBHOOK/resend").then().statusCode(202)
                .body("channel", equalTo("WEBHOOK")).body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals("SENT", webhookOf(id).get("status")));
        assertEquals(attempts + 1, webhookOf(id).get("attempts"));
        assertEquals(200, webhook.hitsFor(id).get(webhook.hitsFor(id).size() - 1).answered());

        // a delivery that is not failed cannot be resent; nothing changes
        given().post("/notices/" + id + "/deliveries/WEBHOOK/resend").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("已发送"))
                .body("violations[0].field", equalTo("channel"));
        assertEquals("SENT", webhookOf(id).get("status"));
        // unknown notice, unknown channel, a channel the notice does not go out on (no e-mail address)
        given().post("/notices/no-such-notice/deliveries/WEBHOOK/resend").then().statusCode(404)
                .contentType("application/problem+json").body("violations[0].field", equalTo("id"));
        given().post("/notices/" + id + "/deliveries/FAX/resend").then().statusCode(404)
                .contentType("application/problem+json").body("violations[0].field", equalTo("channel"));
        given().post("/notices/" + id + "/deliveries/EMAIL/resend").then().statusCode(404)
                .contentType("application/problem+json").body("violations[0].field", equalTo("channel"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> webhook.hitsFor(id).size() == attempts + 1);
    }

    private static Map<String, Object> webhookOf(String id) {
        return given().get("/notices/" + id).then().statusCode(200).extract().jsonPath()
                .getMap("deliveries.find { it.channel == 'WEBHOOK' }");
    }
}
