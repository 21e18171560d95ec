package cn.partybuilding.assessment.scoring;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class AssessmentScoringTest {
    private static final int YEAR = 2022;
    private static boolean defined;

    @BeforeEach
    void system() {
        if (!defined) {
            Fixtures.defineSystem(YEAR);
            defined = true;
        }
    }

    @Test
    void aCorrectionIsANewRevisionAndTheHistoryKeepsEveryScore() {
        String unit = Fixtures.unit("县教育局");
        String id = Fixtures.score(unit, "P1", YEAR + "-05", 52.5).statusCode(201)
                .body("revision", equalTo(1)).body("score", equalTo(52.5f)).body("systemYear", equalTo(YEAR))
                .extract().path("assessmentId");
        post("/assessments/" + id + "/corrections", Map.of("score", 48, "reason", "复核发现会议记录缺失", "assessor", "复核组"))
                .statusCode(201).body("revision", equalTo(2)).body("previousScore", equalTo(52.5f)).body("assessmentId", equalTo(id));
        given().get("/assessments/" + id + "/history").then().statusCode(200).body("", hasSize(2))
                .body("[0].score", equalTo(52.5f)).body("[1].score", equalTo(48.0f)).body("[1].reason", equalTo("复核发现会议记录缺失"));
        given().queryParam("unitCode", unit).get("/assessments").then().body("", hasSize(1)).body("[0].revision", equalTo(2));
    }

    @Test
    void listFiltersByUnitPeriodAndIndicator() {
        String a = Fixtures.unit("县交通运输局");
        String b = Fixtures.unit("县卫生健康局");
        Fixtures.score(a, "P1", YEAR + "-06", 50).statusCode(201);
        Fixtures.score(a, "D1", YEAR + "-06", 40).statusCode(201);
        Fixtures.score(a, "P1", YEAR + "-07", 45).statusCode(201);
        Fixtures.score(b, "P1", YEAR + "-06", 55).statusCode(201);
        given().queryParam("unitCode", a).get("/assessments").then().body("", hasSize(3));
        given().queryParam("unitCode", a).queryParam("period", YEAR + "-06").get("/assessments").then().body("", hasSize(2));
        given().queryParam("period", YEAR + "-06").queryParam("indicatorCode", "P1").get("/assessments").then()
                .body("findAll { it.unitCode == '" + a + "' || it.unitCode == '" + b + "' }", hasSize(2));
    }

    @Test
    void aScoreAboveTheIndicatorsMaximumIsRefusedAndNothingIsWritten() {
        String unit = Fixtures.unit("县司法局");
        String before = Db.snapshot();
        Fixtures.score(unit, "P1", YEAR + "-05", 60.5).statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("score")).body("violations[0].reason", equalTo("不能大于 60.00"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aSecondScoreForTheSameUnitIndicatorAndMonthIsADuplicate() {
        String unit = Fixtures.unit("县应急管理局");
        Fixtures.score(unit, "D1", YEAR + "-05", 30).statusCode(201);
        String before = Db.snapshot();
        Fixtures.score(unit, "D1", YEAR + "-05", 35).statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("indicatorCode"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void unknownUnitAndIndicatorAreNamed() {
        String unit = Fixtures.unit("县信访局");
        String before = Db.snapshot();
        Fixtures.score("NO-SUCH-UNIT", "P1", YEAR + "-05", 30).statusCode(400).body("violations[0].field", equalTo("unitCode"));
        Fixtures.score(unit, "X9", YEAR + "-05", 30).statusCode(400).body("violations[0].field", equalTo("indicatorCode"));
        // computed indicators are not entered by hand
        Fixtures.score(unit, "P2", YEAR + "-05", 30).statusCode(400).body("violations[0].field", equalTo("indicatorCode"));
        Fixtures.score(unit, "P1", "2099-01", 30).statusCode(400).body("violations[0].field", equalTo("period"));
        Fixtures.score(unit, "P1", YEAR + "-13", 30).statusCode(400).body("violations[0].field", equalTo("period"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aCorrectionNeedsAReasonAndStaysInRange() {
        String unit = Fixtures.unit("县医疗保障局");
        String id = Fixtures.score(unit, "D1", YEAR + "-08", 30).statusCode(201).extract().path("assessmentId");
        String before = Db.snapshot();
        post("/assessments/" + id + "/corrections", Map.of("score", 20, "assessor", "复核组")).statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        post("/assessments/" + id + "/corrections", Map.of("score", 51, "reason", "x", "assessor", "复核组")).statusCode(400)
                .body("violations[0].field", equalTo("score"));
        post("/assessments/nope/corrections", Map.of("score", 20, "reason", "x", "assessor", "复核组")).statusCode(404);
        assertEquals(before, Db.snapshot());
    }
}
