package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.notification.support.ChannelServersResource;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.local.SmtpServer;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12.5, through the broker: a 10-unit month (May 2026, units B01..B10, B10 submitted nothing) is published as
 * reporting-service does it — the ranking, ONE bulletin request 主送 all units with each unit's secretary as an
 * addressee, a commendation and a criticism. The bulletin is one document with one 文号: each of the 10 secretaries has
 * it in the inbox and receives it by e-mail; the commendation and the criticism have numbers of their own.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class OneBulletinTest {
    static final String PERIOD = "2026-05";
    static final String[] NAMES = {"县一局", "县二局", "县三局", "县四局", "县五局", "县六局", "县七局", "县八局", "县九局", "县十局"};

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aMonthsBulletinIsOneDocumentWithOneNumberInEverySecretarysInboxAndMailbox() {
        clock.setLocal(LocalDateTime.of(2026, 6, 3, 9, 0));
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> addressees = new ArrayList<>();
        for (int u = 1; u <= 10; u++) {
            String unit = String.format("B%02d", u);
            if (u < 10) {
                entries.add(Reporting.entry(u, unit, NAMES[u - 1], 100 - 5 * u, u == 1 ? "ADVANCED" : u == 9 ? "LAGGING" : "MIDDLE", null));
            }
            addressees.add(Reporting.addressee(unit + "-S", "书记" + u, unit.toLowerCase() + "-s@example.gov.cn", unit, NAMES[u - 1]));
        }
        CloudEvent bulletin = Reporting.bulletin(PERIOD, addressees);
        Reporting.publish(bootstrap,
                Reporting.ranking(PERIOD, 1, entries, List.of(Map.of("unitCode", "B10", "unitName", "县十局"))),
                bulletin,
                Reporting.request("COMMENDATION", new Reporting.Recipient("B01-S", "UNIT_SECRETARY", "书记1", "b01-s@example.gov.cn"),
                        PERIOD, "B01", "县一局", null, Map.of("rank", 1, "tier", "ADVANCED")),
                Reporting.request("CRITICISM", new Reporting.Recipient("B09-S", "UNIT_SECRETARY", "书记9", "b09-s@example.gov.cn"),
                        PERIOD, "B09", "县九局", null, Map.of("rank", 9, "tier", "LAGGING")));

        Set<String> bulletinNumbers = new HashSet<>();
        for (int u = 1; u <= 10; u++) {
            String secretary = String.format("B%02d-S", u);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("status", "all").get("/inbox/" + secretary)
                    .then().statusCode(200).body("findAll { it.noticeType == 'MONTHLY_BULLETIN' }", hasSize(1)));
            JsonPath inbox = given().get("/inbox/" + secretary).then().extract().jsonPath();
            assertEquals("关于2026年5月全县机关党建工作考评情况的通报", inbox.getString("find { it.noticeType == 'MONTHLY_BULLETIN' }.title"));
            bulletinNumbers.add(inbox.getString("find { it.noticeType == 'MONTHLY_BULLETIN' }.documentNumber"));
        }
        assertEquals(1, bulletinNumbers.size(), "one bulletin, one 文号: " + bulletinNumbers);
        String number = bulletinNumbers.iterator().next();
        assertTrue(number.matches("县直工委通〔2026〕\\d+号"), number);

        JsonPath all = given().queryParam("period", PERIOD).queryParam("type", "MONTHLY_BULLETIN").get("/notices").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(10, all.getList("$").size(), "a copy per unit's secretary, nothing addressed to a unit without an address");
        String copyId = all.getString("[0].id");
        String body = given().get("/notices/" + copyId).then().statusCode(200).extract().jsonPath().getString("body");
        assertTrue(body.contains("第1名　县一局　95分　先进"), body);
        assertTrue(body.contains("—　县十局　未报送"), body);
        assertTrue(body.contains("全县10个县直机关单位"), body);

        // commendations and criticisms keep numbers of their own
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/inbox/B01-S").then().body("findAll { it.noticeType == 'COMMENDATION' }", hasSize(1));
            given().get("/inbox/B09-S").then().body("findAll { it.noticeType == 'CRITICISM' }", hasSize(1));
        });
        String commendation = given().get("/inbox/B01-S").then().extract().jsonPath().getString("find { it.noticeType == 'COMMENDATION' }.documentNumber");
        String criticism = given().get("/inbox/B09-S").then().extract().jsonPath().getString("find { it.noticeType == 'CRITICISM' }.documentNumber");
        assertFalse(Set.of(number, criticism).contains(commendation));
        assertFalse(number.equals(criticism));

        // by e-mail to every secretary, the same document under the same number
        SmtpServer smtp = ChannelServersResource.smtp();
        for (int u = 1; u <= 10; u++) {
            String address = String.format("b%02d-s@example.gov.cn", u);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(1, smtp.to(address).stream()
                    .filter(m -> m.subject().equals("关于2026年5月全县机关党建工作考评情况的通报")).count(), () -> "mails to " + address));
            SmtpServer.Message mail = smtp.to(address).stream().filter(m -> m.subject().contains("全县机关党建工作考评情况的通报")).findFirst().orElseThrow();
            assertTrue(mail.body().contains(number), mail.body());
        }

        // the same request again (a redelivery) makes no second copy nor number
        Reporting.publish(bootstrap, bulletin);
        Reporting.awaitConsumed(bootstrap);
        assertEquals(10, given().queryParam("period", PERIOD).queryParam("type", "MONTHLY_BULLETIN").get("/notices").then()
                .extract().jsonPath().getList("$").size());
    }
}
