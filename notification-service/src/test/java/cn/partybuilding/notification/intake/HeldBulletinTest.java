package cn.partybuilding.notification.intake;

import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bulletin request that arrives before its ranking waits for it; a republished ranking does not issue a second bulletin. */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class HeldBulletinTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aBulletinWaitsForItsRankingAndIsIssuedOnce() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 14, 0));
        Reporting.publish(bootstrap, Reporting.request("MONTHLY_BULLETIN", new Recipient("H601", "UNIT", "县文化和旅游局", "wlj@example.gov.cn"),
                "2026-08", "H601", "县文化和旅游局", null, Map.of()));
        Reporting.awaitConsumed(bootstrap);
        assertEquals(Notice.Status.HELD, QuarkusTransaction.requiringNew().call(() ->
                Notice.byKey("MONTHLY_BULLETIN|H601|2026-08").orElseThrow().status));
        given().get("/inbox/H601").then().statusCode(200).body("$", hasSize(0));

        Reporting.publish(bootstrap, Reporting.ranking("2026-08", 1, List.of(
                Reporting.entry(1, "H602", "县教育局", 93, "ADVANCED", null),
                Reporting.entry(2, "H601", "县文化和旅游局", 81.5, "LAGGING", null))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/H601").then().body("$", hasSize(1)));
        String id = given().get("/inbox/H601").then().extract().jsonPath().getString("[0].id");
        String body = given().get("/notices/" + id).then().extract().jsonPath().getString("body");
        assertTrue(body.contains("第2名　县文化和旅游局　81.5分　后进"), body);
        assertTrue(body.contains("第1版"), body);

        // reporting corrects August and republishes as version 2, and repeats the request: still one bulletin
        Reporting.publish(bootstrap, Reporting.ranking("2026-08", 2, List.of(
                Reporting.entry(1, "H601", "县文化和旅游局", 94, "ADVANCED", null),
                Reporting.entry(2, "H602", "县教育局", 93, "MIDDLE", null))));
        Reporting.publish(bootstrap, Reporting.request("MONTHLY_BULLETIN", new Recipient("H601", "UNIT", "县文化和旅游局", "wlj@example.gov.cn"),
                "2026-08", "H601", "县文化和旅游局", null, Map.of()));
        Reporting.awaitConsumed(bootstrap);
        given().get("/inbox/H601").then().body("$", hasSize(1)).body("[0].id", org.hamcrest.Matchers.equalTo(id));
        // a bulletin requested after the correction quotes version 2
        Reporting.publish(bootstrap, Reporting.request("MONTHLY_BULLETIN", new Recipient("H602", "UNIT", "县教育局", null),
                "2026-08", "H602", "县教育局", null, Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/inbox/H602").then().body("$", hasSize(1)));
        String second = given().get("/notices/" + given().get("/inbox/H602").then().extract().jsonPath().getString("[0].id"))
                .then().extract().jsonPath().getString("body");
        assertTrue(second.contains("第1名　县文化和旅游局　94分　先进") && second.contains("第2版"), second);
    }
}
