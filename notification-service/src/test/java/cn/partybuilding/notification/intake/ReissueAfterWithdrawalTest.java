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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 (last gap), through the broker: June 2026, unit R1 is 先进 in version 1 (表扬), 中间 in version 2 (the 表扬 is
 * withdrawn), 先进 again in version 3 (the 表扬 is requested again under the same key), 中间 again in version 4 (withdrawn
 * again). R1's secretary gets the 表扬 again — a new notice with a new 文号, by e-mail too, pointing at the withdrawn one —
 * and, after the second withdrawal, a second 撤回通知. A redelivered request, or the same request under a new id, while
 * the 表扬 is live changes nothing: one live 表扬 at any time.
 */
@QuarkusTest
// reads the inbox as the committee (who may read every unit's notices); issuing itself comes through the broker
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ReissueAfterWithdrawalTest {
    static final String PERIOD = "2026-06";
    static final String KEY = "COMMENDATION|R1-S|" + PERIOD;
    static final String EMAIL = "r1-s@example.gov.cn";
    static final String TITLE = "关于对县R1局2026年6月机关党建工作予以通报表扬的通报";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    static CloudEvent commendation() {
        return Reporting.request("COMMENDATION", new Reporting.Recipient("R1-S", "UNIT_SECRETARY", "书记一", EMAIL),
                PERIOD, "R1", "县R1局", null, Map.of("rank", 1, "tier", "ADVANCED"));
    }

    static String reason(int version) {
        return "2026年6月考评排名已更正为第" + version + "版，本通知所依据的结果已不再成立";
    }

    @Test
    void aCommendationWithdrawnAndRequestedAgainReachesTheSecretaryAgainAndOnlyOnce() {
        clock.setLocal(LocalDateTime.of(2026, 7, 6, 9, 0));
        // v1: 先进 -> 表扬
        Reporting.publish(bootstrap, commendation());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/inbox/R1-S").then().body("findAll { it.noticeType == 'COMMENDATION' }", hasSize(1)));
        String firstId = given().get("/inbox/R1-S").then().extract().jsonPath().getString("find { it.noticeType == 'COMMENDATION' }.id");
        String firstNumber = given().get("/notices/" + firstId).then().extract().jsonPath().getString("documentNumber");

        // v2: 中间 -> the 表扬 is withdrawn
        Reporting.publish(bootstrap, Reporting.withdrawal(KEY, PERIOD, "R1", 2, reason(2)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/R1-S").then()
                .body("findAll { it.noticeType == 'NOTICE_WITHDRAWAL' }", hasSize(1)));

        // v3: 先进 again -> the 表扬 is requested again, under the same key
        CloudEvent again = commendation();
        Reporting.publish(bootstrap, again);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/R1-S").then()
                .body("findAll { it.noticeType == 'COMMENDATION' }", hasSize(2)));
        JsonPath inbox = given().get("/inbox/R1-S").then().extract().jsonPath();
        assertEquals(1, inbox.getList("findAll { it.noticeType == 'COMMENDATION' && !it.withdrawn }").size());
        String secondId = inbox.getString("find { it.noticeType == 'COMMENDATION' && !it.withdrawn }.id");
        assertNotEquals(firstId, secondId);
        JsonPath second = given().get("/notices/" + secondId).then().statusCode(200).extract().jsonPath();
        assertEquals("未签收", second.getString("state"));
        assertEquals(TITLE, second.getString("title"));
        assertNotEquals(firstNumber, second.getString("documentNumber"), "a new document, with a 文号 of its own");
        assertEquals(firstId, second.getString("reissueOf"));
        assertEquals(KEY, second.getString("noticeKey"));
        SmtpServer smtp = ChannelServersResource.smtp();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(2,
                smtp.to(EMAIL).stream().filter(m -> m.subject().equals(TITLE)).count()));

        // exactly once while it is live: the same event redelivered, and the same request under a new id, change nothing
        Reporting.publish(bootstrap, again, commendation());
        Reporting.awaitConsumed(bootstrap);
        assertEquals(2, given().get("/inbox/R1-S").then().extract().jsonPath()
                .getList("findAll { it.noticeType == 'COMMENDATION' }").size());

        // v4: 中间 again -> the reissued 表扬 is withdrawn and the secretary gets a second 撤回通知 (by e-mail too)
        Reporting.publish(bootstrap, Reporting.withdrawal(KEY, PERIOD, "R1", 4, reason(4)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/R1-S").then()
                .body("findAll { it.noticeType == 'NOTICE_WITHDRAWAL' }", hasSize(2))
                .body("findAll { it.noticeType == 'COMMENDATION' && it.withdrawn }", hasSize(2)));
        JsonPath reissued = given().get("/notices/" + secondId).then().extract().jsonPath();
        assertEquals(reason(4), reissued.getString("withdrawalReason"));
        JsonPath secondWithdrawal = given().get("/notices/" + reissued.getString("withdrawalNoticeId")).then().statusCode(200).extract().jsonPath();
        assertEquals("关于撤回《" + TITLE + "》的通知", secondWithdrawal.getString("title"));
        assertTrue(secondWithdrawal.getString("body").contains("（" + second.getString("documentNumber") + "）"),
                secondWithdrawal.getString("body"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(2, smtp.to(EMAIL).stream()
                .filter(m -> m.subject().equals("关于撤回《" + TITLE + "》的通知")).count()));

        // the second withdrawal repeated changes nothing
        Reporting.publish(bootstrap, Reporting.withdrawal(KEY, PERIOD, "R1", 4, reason(4)));
        Reporting.awaitConsumed(bootstrap);
        assertEquals(2, given().get("/inbox/R1-S").then().extract().jsonPath()
                .getList("findAll { it.noticeType == 'NOTICE_WITHDRAWAL' }").size());
        assertEquals(0, given().get("/inbox/R1-S").then().extract().jsonPath()
                .getList("findAll { it.noticeType == 'COMMENDATION' && !it.withdrawn }").size());
    }
}
