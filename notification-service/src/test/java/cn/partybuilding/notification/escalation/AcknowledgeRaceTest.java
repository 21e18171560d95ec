package cn.partybuilding.notification.escalation;

import cn.partybuilding.notification.notice.NoticeIssuedSignal;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 签收 and escalation of the same notice at the same moment: the escalation pass has read the notice (still unsigned)
 * and is issuing its 督办通知 when the recipient signs over REST. Neither may overwrite the other.
 */
@QuarkusTest
class AcknowledgeRaceTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;
    @Inject
    EscalationJob job;
    @Inject
    Pause pause;

    /** Holds the escalation transaction while it issues a 督办通知 for the unit under test, until the test lets it go. */
    @Singleton // no client proxy: the test writes the fields directly
    static class Pause {
        volatile String unitCode;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        void onIssued(@Observes NoticeIssuedSignal signal) throws InterruptedException {
            if (signal.notice().type == NoticeType.ESCALATION && signal.notice().unitCode.equals(unitCode)
                    && reached.getCount() > 0) {
                reached.countDown();
                proceed.await(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anAcknowledgementDuringEscalationSurvives() throws Exception {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 9, 0)); // Wednesday
        Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER", new Recipient("R-M1", "MEMBER", "赵敏", null),
                "2026-11", "R401", "县档案馆", null, Map.of("completionRate", 0.3)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/inbox/R-M1").then().body("$", hasSize(1)));
        String id = asAdmin().get("/inbox/R-M1").then().extract().jsonPath().getString("[0].id");

        clock.setLocal(LocalDateTime.of(2026, 12, 1, 8, 30)); // late: escalates
        pause.unitCode = "R401";
        CompletableFuture<Void> escalating = CompletableFuture.runAsync(() -> job.escalateDue());
        assertTrue(pause.reached.await(30, TimeUnit.SECONDS), "the escalation pass reached the notice");

        // the recipient signs while the escalation transaction is open; it must not wait for the pass
        String zhaoMin = TestTokens.person("member-r-m1", "赵敏", "MEMBER").unit("R401").member("R-M1").sign();
        given().auth().oauth2(zhaoMin).contentType(ContentType.JSON).body("{}").post("/notices/" + id + "/acknowledge")
                .then().statusCode(200);
        pause.proceed.countDown();
        escalating.get(60, TimeUnit.SECONDS);

        JsonPath notice = asAdmin().get("/notices/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("赵敏", notice.getString("acknowledgement.by"), "the 签收 survives the escalation: " + notice.prettify());
        assertNotNull(notice.getString("acknowledgement.at"));
        // the pass re-read the notice and found it signed: no 督办通知, nothing recorded as escalated
        assertNull(notice.getString("escalatedTo"), notice.prettify());
        assertEquals(List.of(), asAdmin().get("/notices?unitCode=R401&type=ESCALATION").then().extract().jsonPath().getList("$"));
        // later passes leave the signed notice alone
        job.escalateDue();
        assertEquals("赵敏", asAdmin().get("/notices/" + id).then().extract().jsonPath().getString("acknowledgement.by"));
    }

    /** Reads as the committee, which sees every notice. */
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
