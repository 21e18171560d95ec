package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TopicProbe;
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
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13.5, through the broker: April 2026 (units W1..W3) is published, W1 先进 (表扬) and W3 后进 (批评); then it is
 * republished as version 2 with W1 and W3 swapped, as reporting-service sends it: the ranking v2, a 更正通报, the
 * withdrawal of W1's 表扬 and W3's 批评, and W1's 批评 and W3's 表扬. W1's secretary sees the 表扬 marked 已撤回 with the
 * reason, gets a 撤回通知 in the inbox and by e-mail, and the 批评; every secretary gets the 更正通报 (one 文号, not the
 * bulletin's) with the corrected table and the reason; notice.withdrawn is published as the contract says; a repeated
 * withdrawal changes nothing.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class WithdrawalTest {
    static final String PERIOD = "2026-04";
    static final String REASON = "2026年4月考评排名已更正为第2版（县W1局、县W3局得分录入有误），本通知所依据的结果已不再成立";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aRepublicationWithdrawsTheCommendationTellsTheSecretaryAndIssuesTheCorrectionBulletin() {
        clock.setLocal(LocalDateTime.of(2026, 5, 6, 9, 0));
        List<Map<String, Object>> addressees = List.of(
                Reporting.addressee("W1-S", "书记一", "w1-s@example.gov.cn", "W1", "县W1局"),
                Reporting.addressee("W2-S", "书记二", "w2-s@example.gov.cn", "W2", "县W2局"),
                Reporting.addressee("W3-S", "书记三", "w3-s@example.gov.cn", "W3", "县W3局"));
        Reporting.publish(bootstrap,
                Reporting.ranking(PERIOD, 1, List.of(Reporting.entry(1, "W1", "县W1局", 90, "ADVANCED", null),
                        Reporting.entry(2, "W2", "县W2局", 70, "MIDDLE", null), Reporting.entry(3, "W3", "县W3局", 50, "LAGGING", null))),
                Reporting.bulletin(PERIOD, addressees),
                Reporting.request("COMMENDATION", new Reporting.Recipient("W1-S", "UNIT_SECRETARY", "书记一", "w1-s@example.gov.cn"),
                        PERIOD, "W1", "县W1局", null, Map.of("rank", 1, "tier", "ADVANCED")),
                Reporting.request("CRITICISM", new Reporting.Recipient("W3-S", "UNIT_SECRETARY", "书记三", "w3-s@example.gov.cn"),
                        PERIOD, "W3", "县W3局", null, Map.of("rank", 3, "tier", "LAGGING")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/inbox/W1-S").then().body("findAll { it.noticeType == 'COMMENDATION' }", hasSize(1)));
        String bulletinNumber = given().get("/inbox/W1-S").then().extract().jsonPath().getString("find { it.noticeType == 'MONTHLY_BULLETIN' }.documentNumber");
        JsonPath before = given().get("/inbox/W1-S").then().extract().jsonPath();
        String commendationId = before.getString("find { it.noticeType == 'COMMENDATION' }.id");
        String commendationNumber = before.getString("find { it.noticeType == 'COMMENDATION' }.documentNumber");

        CloudEvent withdrawal = Reporting.withdrawal("COMMENDATION|W1-S|" + PERIOD, PERIOD, "W1", 2, REASON);
        Reporting.publish(bootstrap,
                Reporting.ranking(PERIOD, 2, List.of(Reporting.entry(1, "W3", "县W3局", 95, "ADVANCED", 2),
                        Reporting.entry(2, "W2", "县W2局", 70, "MIDDLE", 0), Reporting.entry(3, "W1", "县W1局", 5, "LAGGING", -2))),
                Reporting.correction(PERIOD, 2, "县W1局、县W3局得分录入有误", addressees),
                withdrawal,
                Reporting.withdrawal("CRITICISM|W3-S|" + PERIOD, PERIOD, "W3", 2, REASON),
                Reporting.request("CRITICISM", new Reporting.Recipient("W1-S", "UNIT_SECRETARY", "书记一", "w1-s@example.gov.cn"),
                        PERIOD, "W1", "县W1局", null, Map.of("rank", 3, "tier", "LAGGING")),
                Reporting.request("COMMENDATION", new Reporting.Recipient("W3-S", "UNIT_SECRETARY", "书记三", "w3-s@example.gov.cn"),
                        PERIOD, "W3", "县W3局", null, Map.of("rank", 1, "tier", "ADVANCED")));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/W1-S").then()
                .body("findAll { it.noticeType == 'NOTICE_WITHDRAWAL' }", hasSize(1))
                .body("findAll { it.noticeType == 'CRITICISM' }", hasSize(1))
                .body("findAll { it.noticeType == 'CORRECTION_BULLETIN' }", hasSize(1)));
        JsonPath inbox = given().get("/inbox/W1-S").then().extract().jsonPath();
        assertEquals(true, inbox.getBoolean("find { it.noticeType == 'COMMENDATION' }.withdrawn"));
        assertEquals("已撤回", inbox.getString("find { it.noticeType == 'COMMENDATION' }.state"));
        assertEquals(REASON, inbox.getString("find { it.noticeType == 'COMMENDATION' }.withdrawalReason"));
        JsonPath commendation = given().get("/notices/" + commendationId).then().statusCode(200).extract().jsonPath();
        assertEquals(true, commendation.getBoolean("withdrawn"));
        String withdrawalNoticeId = commendation.getString("withdrawalNoticeId");
        JsonPath notice = given().get("/notices/" + withdrawalNoticeId).then().statusCode(200).extract().jsonPath();
        assertEquals("关于撤回《关于对县W1局2026年4月机关党建工作予以通报表扬的通报》的通知", notice.getString("title"));
        assertTrue(notice.getString("body").contains("（" + commendationNumber + "）"), notice.getString("body"));
        assertTrue(notice.getString("body").contains("因" + REASON + "，现予以撤回"), notice.getString("body"));
        assertNotEquals(commendationNumber, notice.getString("documentNumber"));

        // the 更正通报: one document to every secretary, its own number, the corrected table and the reason
        String correctionNumber = inbox.getString("find { it.noticeType == 'CORRECTION_BULLETIN' }.documentNumber");
        assertNotEquals(bulletinNumber, correctionNumber);
        for (String secretary : List.of("W2-S", "W3-S")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/inbox/" + secretary).then()
                    .body("findAll { it.noticeType == 'CORRECTION_BULLETIN' }", hasSize(1)));
            assertEquals(correctionNumber, given().get("/inbox/" + secretary).then().extract().jsonPath()
                    .getString("find { it.noticeType == 'CORRECTION_BULLETIN' }.documentNumber"));
        }
        String correctionId = inbox.getString("find { it.noticeType == 'CORRECTION_BULLETIN' }.id");
        JsonPath correction = given().get("/notices/" + correctionId).then().extract().jsonPath();
        assertEquals("关于更正2026年4月全县机关党建工作考评情况通报的通报", correction.getString("title"));
        String body = correction.getString("body");
        assertTrue(body.contains("因县W1局、县W3局得分录入有误"), body);
        assertTrue(body.contains("排名更正为第2版"), body);
        assertTrue(body.contains("第1名　县W3局　95分　先进"), body);
        assertTrue(body.contains("第3名　县W1局　5分　后进"), body);
        // W3's 批评 is withdrawn too, and it gets the 表扬
        assertEquals(true, given().get("/inbox/W3-S").then().extract().jsonPath().getBoolean("find { it.noticeType == 'CRITICISM' }.withdrawn"));

        // by the same channel: the 撤回通知 is mailed to W1's secretary
        SmtpServer smtp = ChannelServersResource.smtp();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(1, smtp.to("w1-s@example.gov.cn").stream()
                .filter(m -> m.subject().equals("关于撤回《关于对县W1局2026年4月机关党建工作予以通报表扬的通报》的通知")).count()));

        // notice.withdrawn, as the contract says
        CloudEvent withdrawn = TopicProbe.events(bootstrap, Topics.NOTIFICATION, EventTypes.NOTICE_WITHDRAWN, 2, Duration.ofSeconds(60))
                .stream().filter(e -> commendationId.equals(e.data().path("noticeId").asText())).findFirst().orElseThrow();
        AsyncApiContract.load().assertConforms(withdrawn);
        assertEquals("W1", withdrawn.subject());
        assertEquals(REASON, withdrawn.data().path("withdrawalReason").asText());
        assertEquals(withdrawalNoticeId, withdrawn.data().path("withdrawalNoticeId").asText());

        // the same withdrawal again (a redelivery, or under a new id) changes nothing
        Reporting.publish(bootstrap, withdrawal, Reporting.withdrawal("COMMENDATION|W1-S|" + PERIOD, PERIOD, "W1", 2, REASON));
        Reporting.awaitConsumed(bootstrap);
        assertEquals(1, given().get("/inbox/W1-S").then().extract().jsonPath().getList("findAll { it.noticeType == 'NOTICE_WITHDRAWAL' }").size());
    }
}
