package cn.partybuilding.reporting.ranking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frozen months (issue 12.2) through the real broker: a month is published only while assessment-service has it locked;
 * records a learning platform sends while it is locked are kept and shown as 迟报 but leave the figures alone until the
 * committee reopens the month; a republication needs a reopen and a new lock and carries the reopen's reason.
 * Uses March 2032 (no other test touches 2032) and its own unit FM1.
 *
 * <pre>
 * System 2032: one dimension, weight 100: M1 MANUAL max 50, S1 STUDY_RATE max 30 (WEEKLY_STUDY), PP PLATFORM_POINTS max 20
 * (target 100 points per member and month). March 2032 has 5 Mondays: 2 members × 5 = 10 weekly studies required.
 * FM1: M1 40; one weekly study on time (1/10 → S1 3); no points → composite 43.
 * Late (received while locked): a weekly study of FM1-L (→ 2/10, S1 6) and 100 points of FM1-L (mean 50 → PP 10) → 56.
 * </pre>
 */
@QuarkusTest
class FrozenMonthTest {
    static final String MONTH = "2032-03";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Map<String, Object> system() {
        return map("year", 2032, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(map("code", "ALL", "name", "党建工作", "weight", 100, "indicators", List.of(
                        map("code", "M1", "name", "三会一课", "maxPoints", 50, "kind", "MANUAL"),
                        map("code", "S1", "name", "周学完成率", "maxPoints", 30, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY")),
                        map("code", "PP", "name", "学习强国积分", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 100)))),
                "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")));
    }

    @Test
    void aMonthIsPublishedOnlyLockedLateRecordsWaitForAReopenAndTheRepublicationCarriesItsReason() {
        try (EventFixtures events = new EventFixtures(bootstrap)) {
            events.unit("FM1", "县审计局");
            events.organization("FM1-ORG", "FM1");
            events.member("FM1-S", "FM1", "FM1-ORG", "FM1 书记", "SECRETARY");
            events.member("FM1-L", "FM1", "FM1-ORG", "FM1 主要负责人", "PRINCIPAL_LEADER");
            events.system(system());
            events.score("FM1", "M1", MONTH, 40, 1);
            events.study("/learning-platform", "FM1-S", "FM1", "WEEKLY_STUDY", "2032-03-01"); // received while open: counts
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> scorecard().then().statusCode(200).body("composite", equalTo(43.0f)));

            // not locked: refused, naming the month and what to do; nothing published
            given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).contentType("application/problem+json")
                    .body("detail", equalTo("2032年3月尚未锁定：请先在考评服务锁定该月再发布"))
                    .body("violations[0].field", equalTo("period"));
            given().get("/rankings/" + MONTH + "/history").then().statusCode(200).body("", hasSize(0));

            // locked → version 1
            events.periodLocked(MONTH);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().post("/rankings/" + MONTH + "/publish").then().statusCode(200)
                    .body("version", equalTo(1)).body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f)));
            // published and not reopened since: no second version, with or without a reason
            given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("period")).body("detail", containsString("重新开放"));
            given().contentType(ContentType.JSON).body(Map.of("reason", "更正")).post("/rankings/" + MONTH + "/publish").then().statusCode(409);

            // a learning platform sends records for the locked month: kept, shown as late, the figures stay those published
            events.study("/learning-platform", "FM1-L", "FM1", "WEEKLY_STUDY", "2032-03-08");
            events.points("FM1-L", "FM1", "2032-03-09", 100);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> scorecard().then().body("lateRecords.count", equalTo(2)));
            JsonPath locked = scorecard().then().extract().jsonPath();
            assertEquals(43.0f, locked.getFloat("composite"), "a late record changed the locked month's figures");
            assertEquals(2, locked.getInt("lateRecords.notCounted"));
            assertEquals(List.of("迟报：该月锁定期间收到，未计入本月考评；重新开放该月后计入",
                    "迟报：该月锁定期间收到，未计入本月考评；重新开放该月后计入"), locked.getList("lateRecords.items.late"));
            assertTrue(locked.getString("lateRecords.items[0].what").contains("FM1 主要负责人"), locked.prettify());
            assertEquals(1, locked.getList("dimensions[0].indicators.find { it.code == 'S1' }.eventIds").size(),
                    "the late study is not behind the month's number");
            given().get("/rankings/" + MONTH).then().body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f));

            // reopened with a reason: the late records count; a reopened month is not published
            events.periodReopened(MONTH, "县委巡察反馈周学记录漏报，需补录");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> scorecard().then().body("composite", equalTo(56.0f))
                    .body("lateRecords.count", equalTo(2)).body("lateRecords.notCounted", equalTo(0))
                    .body("lateRecords.items[0].late", equalTo("迟报：该月锁定期间收到，该月重新开放后已计入")));
            given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).body("detail", containsString("尚未锁定"));

            // locked again → version 2, carrying the reopen's reason; version 1 stays as it was
            events.periodLocked(MONTH);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().post("/rankings/" + MONTH + "/publish").then().statusCode(200)
                    .body("version", equalTo(2)).body("entries.find { it.unitCode == 'FM1' }.score", equalTo(56.0f)));
            given().get("/rankings/" + MONTH + "/history").then().body("version", equalTo(List.of(1, 2)))
                    .body("[1].reason", equalTo("县委巡察反馈周学记录漏报，需补录"));
            given().get("/rankings/" + MONTH + "/published?version=1").then().body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f));
        }
    }

    private static io.restassured.response.Response scorecard() {
        return given().get("/units/FM1/scorecard/" + MONTH);
    }
}
