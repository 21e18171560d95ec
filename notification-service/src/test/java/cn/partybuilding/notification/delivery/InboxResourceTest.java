package cn.partybuilding.notification.delivery;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The inbox: list with unread/acknowledged filter, read, 签收 once; bad input answers problem+json. */
@QuarkusTest
class InboxResourceTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    String noticeId;
    String secretary;
    /** 吴敏, the secretary of I501, to whom the notice is addressed */
    String wuMin = TestTokens.person("secretary-i501", "吴敏", "UNIT_SECRETARY").unit("I501").sign();

    @BeforeEach
    void aNoticeInTheInbox() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 11, 0));
        secretary = "I-SEC-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Reporting.publish(bootstrap, Reporting.request("EARLY_WARNING", new Recipient(secretary, "UNIT_SECRETARY", "吴敏", null),
                "2026-10", "I501", "县民政局", null, Map.of("rank", 9, "score", 78.5)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/inbox/" + secretary).then().body("$", hasSize(1)));
        noticeId = asAdmin().get("/inbox/" + secretary).then().extract().jsonPath().getString("[0].id");
    }

    @Test
    void acknowledgingOnceMovesTheNoticeFromUnreadToAcknowledgedAndTellsOtherSystems() {
        asAdmin().get("/inbox/" + secretary + "?status=acknowledged").then().statusCode(200).body("$", hasSize(0));
        asAdmin().get("/inbox/" + secretary + "?status=unread").then().statusCode(200).body("$", hasSize(1))
                .body("[0].title", equalTo("关于县民政局2026年10月机关党建工作考评情况的预警提醒"));

        // who signs is the signed-in secretary (her token's name), not a field of the request
        given().auth().oauth2(wuMin).contentType(ContentType.JSON).body("{}").post("/notices/" + noticeId + "/acknowledge")
                .then().statusCode(200)
                .body("acknowledgement.by", equalTo("吴敏"))
                .body("acknowledgement.at", startsWith("2026-11-25T03:"));
        asAdmin().get("/inbox/" + secretary + "?status=unread").then().body("$", hasSize(0));
        asAdmin().get("/inbox/" + secretary + "?status=acknowledged").then().body("$", hasSize(1)).body("[0].acknowledged", equalTo(true));

        // a second 签收, by another signed-in person of the unit, is refused and changes nothing
        String other = TestTokens.person("leader-i501", "别人", "UNIT_SECRETARY").unit("I501").sign();
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}").post("/notices/" + noticeId + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Notice already acknowledged"))
                .body("detail", containsString("已于"))
                .body("violations[0].field", equalTo("id"));
        asAdmin().get("/notices/" + noticeId).then().body("acknowledgement.by", equalTo("吴敏"));

        List<CloudEvent> acknowledged = TopicProbe.events(bootstrap, Topics.NOTIFICATION, EventTypes.NOTICE_ACKNOWLEDGED, 1, Duration.ofSeconds(30))
                .stream().filter(e -> noticeId.equals(e.data().path("noticeId").asText())).toList();
        assertEquals(1, acknowledged.size());
        assertEquals("I501", acknowledged.get(0).subject());
        assertEquals("吴敏", acknowledged.get(0).data().get("acknowledgedBy").asText());
    }

    @Test
    void badInputIsAnsweredWithProblemDetails() {
        given().auth().oauth2(wuMin).contentType(ContentType.JSON).body("{}").post("/notices/no-such-notice/acknowledge")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("violations[0].field", equalTo("id"));
        asAdmin().get("/notices/no-such-notice").then().statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(wuMin).contentType(ContentType.JSON).body("{\"by\": ").post("/notices/" + noticeId + "/acknowledge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed request body")).body("detail", notNullValue())
                .body("violations[0].field", equalTo("body"));
        // the signer is no longer named in the body: a client that still names one is told so, and nothing is signed
        given().auth().oauth2(wuMin).contentType(ContentType.JSON).body(Map.of("by", "吴敏")).post("/notices/" + noticeId + "/acknowledge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].reason", equalTo("由登录身份确定，请勿在请求中填写"));
        asAdmin().get("/inbox/" + secretary + "?status=everything").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
        asAdmin().get("/notices?type=PROMOTION").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"));

        // nothing was acknowledged by any of it
        asAdmin().get("/notices/" + noticeId).then().statusCode(200).body("acknowledgement", equalTo(null));
    }

    /** Reads as the committee, which sees every notice. */
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
