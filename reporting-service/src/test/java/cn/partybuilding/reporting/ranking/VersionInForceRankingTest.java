package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.reporting.facts.FactsVersion;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A month is scored with the indicator-system version in force for it (issue 12 item 1), through the real broker as
 * assessment-service publishes. Year 2037, units VF1 and VF2 (removed afterwards), manual indicators only:
 *
 * <pre>
 * version 1 (no effectiveFrom, as events before the field: from January): A 50 (A1 max 100), B 50 (B1 max 100)
 * version 2, effective from 2037-06:                                        A 80,               B 20
 *   unit  A1  B1   under v1            under v2
 *   VF1   90  50   45 + 25 = 70        72 + 10 = 82
 *   VF2   60  90   30 + 45 = 75        48 + 18 = 66
 * March (scored before version 2): VF2 75, VF1 70 — and still so after version 2 arrives.
 * June (scored under version 2): VF1 82, VF2 66.
 * </pre>
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class VersionInForceRankingTest extends WithEventFixtures {
    static final String MARCH = "2037-03";
    static final String JUNE = "2037-06";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    static Map<String, Object> system(int version, String effectiveFrom, int weightA, int weightB) {
        Map<String, Object> system = map("year", 2037, "version", version, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "A", "name", "政治建设", "weight", weightA, "indicators", List.of(
                                map("code", "A1", "name", "落实第一议题", "maxPoints", 100, "kind", "MANUAL"))),
                        map("code", "B", "name", "组织建设", "weight", weightB, "indicators", List.of(
                                map("code", "B1", "name", "三会一课", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of());
        if (effectiveFrom != null) {
            system.put("effectiveFrom", effectiveFrom);
        }
        return system;
    }

    void score(String unit, String indicator, String period, double score, int systemVersion) {
        events.send(Topics.ASSESSMENT, "/assessment-service", EventTypes.ASSESSMENT_RECORDED, unit,
                map("assessmentId", unit + "-" + indicator + "-" + period, "revision", 1, "unitCode", unit, "indicatorCode", indicator,
                        "period", period, "score", score, "assessor", "考核组", "systemYear", 2037, "systemVersion", systemVersion));
    }

    @Test
    void eachMonthIsScoredWithTheVersionInForceForIt() {
        events.unit("VF1", "县档案馆");
        events.unit("VF2", "县地方志办公室");
        events.system(system(1, null, 50, 50));
        score("VF1", "A1", MARCH, 90, 1);
        score("VF1", "B1", MARCH, 50, 1);
        score("VF2", "A1", MARCH, 60, 1);
        score("VF2", "B1", MARCH, 90, 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/" + MARCH).then().statusCode(200)
                .body("entries.findAll { it.unitCode.startsWith('VF') }.unitCode", equalTo(List.of("VF2", "VF1")))
                .body("entries.findAll { it.unitCode.startsWith('VF') }.score", equalTo(List.of(75.0f, 70.0f))));
        JsonPath marchBefore = given().get("/rankings/" + MARCH).then().statusCode(200).extract().jsonPath();
        String marchCardBefore = given().get("/units/VF1/scorecard/" + MARCH).then().statusCode(200).extract().asString();

        events.system(system(2, JUNE, 80, 20));
        score("VF1", "A1", JUNE, 90, 2);
        score("VF1", "B1", JUNE, 50, 2);
        score("VF2", "A1", JUNE, 60, 2);
        score("VF2", "B1", JUNE, 90, 2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/" + JUNE).then().statusCode(200)
                .body("entries.findAll { it.unitCode.startsWith('VF') }.unitCode", equalTo(List.of("VF1", "VF2")))
                .body("entries.findAll { it.unitCode.startsWith('VF') }.score", equalTo(List.of(82.0f, 66.0f))));

        // March: the same ranking and scorecard as before version 2
        JsonPath marchAfter = given().get("/rankings/" + MARCH).then().statusCode(200).extract().jsonPath();
        assertEquals(marchBefore.getList("entries"), marchAfter.getList("entries"), "March ranked as before version 2");
        assertEquals(marchCardBefore, given().get("/units/VF1/scorecard/" + MARCH).then().statusCode(200).extract().asString(),
                "March's scorecard unchanged by version 2");

        // the rankings name the version they were scored with
        given().get("/rankings/" + MARCH).then()
                .body("systemYear", equalTo(2037)).body("systemVersion", equalTo(1)).body("effectiveFrom", equalTo("2037-01"));
        given().get("/rankings/" + JUNE).then()
                .body("systemYear", equalTo(2037)).body("systemVersion", equalTo(2)).body("effectiveFrom", equalTo(JUNE));

        // the scorecards name the version they were scored with
        given().get("/units/VF1/scorecard/" + MARCH).then().statusCode(200)
                .body("composite", equalTo(70.0f)).body("systemYear", equalTo(2037)).body("systemVersion", equalTo(1))
                .body("effectiveFrom", equalTo("2037-01")).body("dimensions.weight", equalTo(List.of(50.0f, 50.0f)));
        given().get("/units/VF1/scorecard/" + JUNE).then().statusCode(200)
                .body("composite", equalTo(82.0f)).body("systemVersion", equalTo(2)).body("effectiveFrom", equalTo(JUNE))
                .body("dimensions.weight", equalTo(List.of(80.0f, 20.0f)));

        // what-if starts from the version in force for the month
        given().contentType(ContentType.JSON).body(Map.of("weights", Map.of("A", 20, "B", 80))).post("/rankings/" + MARCH + "/what-if")
                .then().statusCode(200)
                .body("systemVersion", equalTo(1)).body("effectiveFrom", equalTo("2037-01"))
                .body("currentWeights", equalTo(Map.of("A", 50.0f, "B", 50.0f)))
                .body("current.findAll { it.unitCode.startsWith('VF') }.score", equalTo(List.of(75.0f, 70.0f)));
        given().contentType(ContentType.JSON).body(Map.of("weights", Map.of("A", 50, "B", 50))).post("/rankings/" + JUNE + "/what-if")
                .then().statusCode(200)
                .body("systemVersion", equalTo(2)).body("currentWeights", equalTo(Map.of("A", 80.0f, "B", 20.0f)))
                .body("proposed.findAll { it.unitCode.startsWith('VF') }.score", equalTo(List.of(75.0f, 70.0f)));

        // publication freezes the version the month was scored with
        // (frozen months: published once assessment-service's lock has reached the ingest)
        events.periodLocked(MARCH);
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().post("/rankings/" + MARCH + "/publish").then().statusCode(200).body("version", equalTo(1)));
        given().get("/rankings/" + MARCH + "/published").then().statusCode(200)
                .body("systemVersion", equalTo(1)).body("effectiveFrom", equalTo("2037-01"))
                .body("entries.findAll { it.unitCode.startsWith('VF') }.score", equalTo(List.of(75.0f, 70.0f)));
        given().get("/rankings/" + MARCH + "/history").then().statusCode(200)
                .body("systemVersion", equalTo(List.of(1))).body("systemEffectiveFrom", equalTo(List.of("2037-01")));
    }

    @AfterAll
    void removeCounty() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("unit", "assessment")) {
                s.executeUpdate("delete from " + table + " where unit_code in ('VF1', 'VF2')");
            }
            s.executeUpdate("delete from indicator_system where for_year = 2037");
        }
        factsVersion.bump();
    }
}
