package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.reporting.support.ReplayGate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 13.4: a replay never shows a half-rebuilt county. The replay is held (test {@link ReplayGate}) right after it
 * started; meanwhile the live ranking, a scorecard, a publication and the early warning read the complete figures, an
 * event arriving then is applied live at once, and after the switch the rebuilt figures equal the live ones, that event
 * included. County of its own: year 2035, units R1..R4.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ReplayWhileLiveTest {
    static final String MONTH = "2035-03";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ReplayGate gate;

    @AfterEach
    void openGate() {
        gate.release();
    }

    @Test
    void aReplayIsInvisibleUntilItSwitchesAndLosesNoLiveEvent() throws Exception {
        try (EventFixtures events = new EventFixtures(bootstrap)) {
            Map<String, Object> system = RankingScenarioTest.indicatorSystem();
            system.put("year", 2035);
            events.system(system);
            double[][] scores = {{60, 50, 100}, {50, 40, 80}, {40, 30, 70}, {20, 10, 30}};
            for (int u = 1; u <= 4; u++) {
                String unit = "R" + u;
                events.unitWithSecretaryAndLeader(unit, "县直单位" + u);
                for (int i = 0; i < 3; i++) {
                    events.score(unit, RankingScenarioTest.INDICATORS[i], MONTH, scores[u - 1][i], 1);
                }
                events.study("/assessment-service", unit + "-S", unit, "WEEKLY_STUDY", "2035-03-05");
            }
            events.send(Topics.ASSESSMENT, "/assessment-service", EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT,
                    map("period", MONTH, "reason", "考评结束"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/" + MONTH).then().statusCode(200)
                    .body("entries.findAll { it.unitCode.startsWith('R') }.status", equalTo(List.of("SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED"))));
            String rankingBefore = given().get("/rankings/" + MONTH).then().extract().body().asString();
            String cardBefore = given().get("/units/R4/scorecard/" + MONTH).then().extract().body().asString();
            List<String> warningsBefore = given().post("/warnings/" + MONTH + "/run").then().statusCode(200).extract().jsonPath().getList("noticeKey");

            gate.arm();
            given().post("/admin/replay").then().statusCode(202);
            gate.awaitHeld();

            // the replay has started: every read still sees the whole county
            given().get("/admin/replay").then().body("state", equalTo("RUNNING"));
            assertEquals(rankingBefore, given().get("/rankings/" + MONTH).then().statusCode(200).extract().body().asString(),
                    "the live ranking during the replay");
            assertEquals(cardBefore, given().get("/units/R4/scorecard/" + MONTH).then().statusCode(200).extract().body().asString(),
                    "a scorecard during the replay");
            assertEquals(new HashSet<>(warningsBefore), new HashSet<>(given().post("/warnings/" + MONTH + "/run").then().statusCode(200)
                    .extract().jsonPath().getList("noticeKey")), "the early warning during the replay");
            JsonPath published = given().post("/rankings/" + MONTH + "/publish").then().statusCode(200).extract().jsonPath();
            JsonPath live = new JsonPath(rankingBefore);
            assertEquals(live.getList("entries.unitCode"), published.getList("entries.unitCode"));
            assertEquals(live.getList("entries.score"), published.getList("entries.score"), "published during the replay: complete figures");
            assertEquals(live.getList("entries.status"), published.getList("entries.status"));
            given().get("/admin/replay").then().body("state", equalTo("RUNNING"));

            // an event arriving while the replay runs counts at once, and is not lost for the rebuilt tables
            events.score("R4", "O1", MONTH, 90, 2); // ORGANISATIONAL 30 → 90: +18 points
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(r4(rankingBefore) + 18, r4(given().get("/rankings/" + MONTH)
                    .then().extract().body().asString()), 0.001));
            String rankingLive = given().get("/rankings/" + MONTH).then().extract().body().asString();
            String cardLive = given().get("/units/R4/scorecard/" + MONTH).then().extract().body().asString();
            assertNotEquals(cardBefore, cardLive);
            given().get("/admin/replay").then().body("state", equalTo("RUNNING"));

            gate.release();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/admin/replay").then().body("state", equalTo("DONE")));
            assertEquals(rankingLive, given().get("/rankings/" + MONTH).then().extract().body().asString(), "the ranking after the switch");
            assertEquals(cardLive, given().get("/units/R4/scorecard/" + MONTH).then().extract().body().asString(), "the scorecard after the switch");

            // and the consumer goes on into the rebuilt tables
            events.score("R4", "O1", MONTH, 100, 3); // 90 → 100: +3 points
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(r4(rankingBefore) + 21, r4(given().get("/rankings/" + MONTH)
                    .then().extract().body().asString()), 0.001));
        }
    }

    private static double r4(String ranking) {
        return new JsonPath(ranking).getDouble("entries.find { it.unitCode == 'R4' }.score");
    }
}
