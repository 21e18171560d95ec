package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.reporting.facts.FactsVersion;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The roster as of the month (issue 12.3) and the newest revision of a member (issue 13.14), through the broker, in a
 * year of its own (2033). A month's study rate and points mean count the members who belonged to the unit on the
 * month's last day, from the effective dates the member events carry. Its units are removed from the tables afterwards;
 * its events stay on the topics, so it runs after RankingScenarioTest (whose replay reads the topics; test classes run in
 * name order), as StudyMonthThroughIngestTest does.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class RosterOfTheMonthThroughIngestTest extends WithEventFixtures {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @BeforeAll
    void producer() {
        events.system(map("year", 2033, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 50, "kind", "MANUAL"),
                                map("code", "P2", "name", "月谈完成率", "maxPoints", 30, "kind", "STUDY_RATE", "activityTypes", List.of("MONTHLY_DISCUSSION")),
                                map("code", "P3", "name", "学习强国", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 100)))),
                "studyPlan", List.of(map("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS"))));
    }

    @AfterAll
    void close() throws Exception {
        // the units of this test would otherwise stand in every other test's ranking (units = registered units)
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("unit", "member", "member_version", "member_period", "assessment", "study_completion", "platform_points")) {
                s.executeUpdate("delete from " + table + " where unit_code in ('RJ', 'RL', 'RA', 'RB')");
            }
            s.executeUpdate("delete from indicator_system where for_year = 2033");
        }
        factsVersion.bump();
    }

    @Test
    void aMemberWhoJoinsInNovemberLeavesOctoberUnchanged() {
        events.unit("RJ", "县档案馆");
        events.member(EventTypes.MEMBER_REGISTERED, "RJ-1", "RJ", "SECRETARY", true, 1, "2033-01-01");
        events.score("RJ", "P1", "2033-10", 50, 1);
        events.study("/assessment-service", "RJ-1", "RJ", "MONTHLY_DISCUSSION", "2033-10-15");
        events.points("RJ-1", "RJ", "2033-10-15", 100);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 1/1", basis("RJ", "2033-10", 1)));

        events.member(EventTypes.MEMBER_REGISTERED, "RJ-2", "RJ", "MEMBER", true, 1, "2033-11-05");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 0/2", basis("RJ", "2033-11", 1), "November counts the new member"));
        assertEquals("完成 1/1", basis("RJ", "2033-10", 1), "October's completion rate is unchanged");
        assertEquals("人均积分 100.00 / 目标 100.00", basis("RJ", "2033-10", 2), "October's points mean is unchanged");
        assertEquals(100.0f, given().get("/units/RJ/scorecard/2033-10").then().statusCode(200).extract().jsonPath().getFloat("composite"));
    }

    @Test
    void aMemberWhoLeftInSeptemberStillCountsInAugust() {
        events.unit("RL", "县方志办");
        events.member(EventTypes.MEMBER_REGISTERED, "RL-1", "RL", "SECRETARY", true, 1, "2033-01-01");
        events.member(EventTypes.MEMBER_REGISTERED, "RL-2", "RL", "MEMBER", true, 1, "2033-01-01");
        events.study("/assessment-service", "RL-2", "RL", "MONTHLY_DISCUSSION", "2033-08-20");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 1/2", basis("RL", "2033-08", 1)));

        events.member(EventTypes.MEMBER_UPDATED, "RL-2", "RL", "MEMBER", false, 2, "2033-09-10");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 0/1", basis("RL", "2033-09", 1), "gone at September's end"));
        assertEquals("完成 1/2", basis("RL", "2033-08", 1), "August still counts the member who left in September");
    }

    @Test
    void aTransferIsNotUndoneByTheOlderEventArrivingLast() {
        events.unit("RA", "县科协");
        events.unit("RB", "县侨联");
        events.member(EventTypes.MEMBER_REGISTERED, "RB-0", "RB", "SECRETARY", true, 1, "2033-01-01");
        // the transfer (revision 2, keyed by the new unit) is applied first ...
        events.member(EventTypes.MEMBER_UPDATED, "RA-1", "RB", "MEMBER", true, 2, "2033-06-01");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 0/2", basis("RB", "2033-06", 1)));
        // ... then the registration it follows (revision 1), then a marker on the same key to know it has been read
        events.member(EventTypes.MEMBER_REGISTERED, "RA-1", "RA", "MEMBER", true, 1, "2033-01-01");
        events.member(EventTypes.MEMBER_REGISTERED, "RA-2", "RA", "SECRETARY", true, 1, "2033-01-01");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("完成 0/2", basis("RA", "2033-05", 1)));

        assertEquals("完成 0/2", basis("RB", "2033-06", 1), "June: the member is in the unit he moved to");
        assertEquals("完成 0/1", basis("RA", "2033-06", 1), "June: not in the unit he left");
    }

    private static String basis(String unit, String month, int indicator) {
        Map<String, Object> item = given().get("/units/" + unit + "/scorecard/" + month).then().statusCode(200).extract().jsonPath()
                .getMap("dimensions[0].indicators[" + indicator + "]");
        return (String) item.get("basis");
    }
}
