package cn.partybuilding.notification.delivery;

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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A webhook that fails twice is retried with backoff until it succeeds; the e-mail of that notice goes out once. */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class WebhookRetryTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aFailingWebhookIsRetriedWithoutSendingTheEmailAgain() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 10, 0));
        WebhookServer webhook = ChannelServersResource.webhook();
        webhook.failNext("W-M1", 2);
        Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER",
                new Recipient("W-M1", "MEMBER", "马超", "machao@sjj.example.gov.cn"), "2026-11", "W301", "县审计局", null,
                Map.of("completionRate", 0.4, "platformPoints", 120)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/W-M1").then().body("$", hasSize(1)));
        String id = given().get("/inbox/W-M1").then().extract().jsonPath().getString("[0].id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath detail = given().get("/notices/" + id).then().extract().jsonPath();
            assertEquals("SENT", detail.getString("deliveries.find { it.channel == 'WEBHOOK' }.status"));
        });
        JsonPath detail = given().get("/notices/" + id).then().extract().jsonPath();
        assertEquals(3, detail.getInt("deliveries.find { it.channel == 'WEBHOOK' }.attempts"));
        assertEquals("SENT", detail.getString("deliveries.find { it.channel == 'EMAIL' }.status"));
        assertEquals(1, detail.getInt("deliveries.find { it.channel == 'EMAIL' }.attempts"));
        assertEquals(List.of(500, 500, 200), webhook.hitsFor(id).stream().map(WebhookServer.Hit::answered).toList());
        String payload = webhook.hitsFor(id).get(2).body();
        assertEquals(true, payload.contains("\"title\":\"关于马超同志2026年11月学习任务完成情况的提醒\""), payload);

        // more delivery passes: neither channel sends again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                webhook.hitsFor(id).size() == 3 && ChannelServersResource.smtp().to("machao@sjj.example.gov.cn").size() == 1);
    }
}
