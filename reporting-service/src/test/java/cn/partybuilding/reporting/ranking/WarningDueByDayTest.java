package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13.8, through the broker and the warning endpoint: on 20 August 2036 (Mondays 4, 11, 18 and 25) progress is
 * compared with what is due by that day, and a unit with no score yet is not warned as lagging. County of its own
 * (units EW1..EW5, year 2036): every member studied on Mondays 4 and 11 (2 of the month's 4 weekly sessions, 2 of the 3
 * due by the 20th), every secretary also had the monthly discussion, except EW4's principal leader, who did nothing.
 * Scores put EW4 last of the four assessed units; EW5 has none (NOT_SUBMITTED). Its units stay registered, so the class
 * is named to run after {@link RankingScenarioTest} (classes run in name order), which must see only its own county.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class WarningDueByDayTest {
    static final String MONTH = "2036-08";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void onTheTwentiethOnlyWhatIsDueCountsAndUnscoredUnitsAreNotWarnedAsLagging() {
        try (EventFixtures events = new EventFixtures(bootstrap)) {
            Map<String, Object> system = RankingScenarioTest.indicatorSystem();
            system.put("year", 2036);
            events.system(system);
            double[][] scores = {{60, 50, 100}, {55, 45, 90}, {50, 40, 80}, {20, 10, 30}};
            for (int u = 1; u <= 5; u++) {
                String unit = "EW" + u;
                events.unitWithSecretaryAndLeader(unit, "预警单位" + u);
                if (u <= 4) {
                    for (int i = 0; i < 3; i++) {
                        events.score(unit, RankingScenarioTest.INDICATORS[i], MONTH, scores[u - 1][i], 1);
                    }
                }
                for (String day : List.of("2036-08-04", "2036-08-11")) {
                    events.study("/assessment-service", unit + "-S", unit, "WEEKLY_STUDY", day);
                    if (u != 4) {
                        events.study("/assessment-service", unit + "-L", unit, "WEEKLY_STUDY", day);
                    }
                }
                events.study("/assessment-service", unit + "-S", unit, "MONTHLY_DISCUSSION", "2036-08-06");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/" + MONTH).then().statusCode(200)
                    .body("entries.findAll { it.unitCode.startsWith('EW') }.status",
                            equalTo(List.of("SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED")))
                    .body("notSubmitted.findAll { it.unitCode.startsWith('EW') }.unitCode", equalTo(List.of("EW5")))
                    .body("entries.find { it.unitCode == 'EW1' }.completionRate", equalTo(0.5556f)));
        }

        clock.set(Instant.parse("2036-08-20T00:00:00Z")); // 08:00 on 20 August in Beijing
        JsonPath warned = given().post("/warnings/" + MONTH + "/run").then().statusCode(200).extract().jsonPath();
        Set<String> ours = new TreeSet<>();
        for (String key : warned.<String>getList("noticeKey")) {
            if (key.contains("|EW")) {
                ours.add(key);
            }
        }
        // EW4 (last of the assessed units) and EW4's leader (0 of 3 due); nobody on track, and not EW5's secretary
        assertEquals(new TreeSet<>(Set.of("EARLY_WARNING|EW4-S|2036-08", "EARLY_WARNING|EW4-L|2036-08")), ours);
        Map<String, Object> leader = warned.getMap("find { it.noticeKey == 'EARLY_WARNING|EW4-L|2036-08' }.facts");
        assertEquals("2036-08-20", leader.get("asOf"));
        assertEquals(3.0f, ((Number) leader.get("due")).floatValue());
        assertEquals(4, leader.get("required"));
        assertEquals(0, leader.get("done"));
        Map<String, Object> unit = warned.getMap("find { it.noticeKey == 'EARLY_WARNING|EW4-S|2036-08' }.facts");
        assertEquals("SUBMITTED", unit.get("status"));
        assertTrue(TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(30), seen -> seen.stream()
                .map(TopicProbe::parseOrNull).anyMatch(e -> e != null && EventTypes.NOTICE_REQUESTED.equals(e.type())
                        && "EARLY_WARNING|EW4-L|2036-08".equals(e.data().get("noticeKey").asText()))).size() > 0);
    }
}
