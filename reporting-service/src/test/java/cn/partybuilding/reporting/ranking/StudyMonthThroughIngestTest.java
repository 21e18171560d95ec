package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Weekly study through the broker and the fact tables, in a year of its own (2027) so that no other test's indicator
 * system or units interfere: a unit that studies every Friday has done every week of March 2027 (Mondays 1, 8, 15, 22,
 * 29: the fifth week's Friday is 2 April).
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class StudyMonthThroughIngestTest extends WithEventFixtures {
    static Map<String, Object> system2027() {
        return EventFixtures.oneStudyItemSystem(2027, "周学完成率", "WEEKLY_STUDY", "WEEKLY");
    }

    @Test
    void fridayStudyCountsInTheMonthOfItsWeeksMonday() {
        events.unit("WK", "县统计局");
        events.organization("WK-ORG", "WK");
        events.member("WK-S", "WK", "WK-ORG", "WK 书记", "SECRETARY");
        events.system(system2027());
        events.score("WK", "P1", "2027-03", 50, 1);
        // Friday 26 February is the week of Monday 22 February: February's, not March's
        for (String friday : List.of("2027-02-26", "2027-03-05", "2027-03-12", "2027-03-19", "2027-03-26", "2027-04-02")) {
            events.study("/assessment-service", "WK-S", "WK", "WEEKLY_STUDY", friday);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath card = given().get("/units/WK/scorecard/2027-03").then().statusCode(200).extract().jsonPath();
            assertEquals("完成 5/5", card.getString("dimensions[0].indicators[1].basis"), "every week of March studied");
            assertEquals(100.0f, card.getFloat("composite"));
        });
        JsonPath february = given().get("/units/WK/scorecard/2027-02").then().statusCode(200).extract().jsonPath();
        assertEquals("完成 1/4", february.getString("dimensions[0].indicators[1].basis"), "26 February is in February's last week");
    }
}
