package cn.partybuilding.assessment.indicator;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class IndicatorSystemVersioningTest {
    private static final int YEAR = 2021;

    @Test
    void aChangeBeforeTheFirstScoreReplacesTheVersionAfterItCreatesTheNext() {
        put("/indicator-systems/" + YEAR, Fixtures.system(60, 40)).statusCode(200).body("version", equalTo(1));
        // not scored yet: the change replaces version 1
        put("/indicator-systems/" + YEAR, Fixtures.system(55, 45)).statusCode(200).body("version", equalTo(1));
        given().get("/indicator-systems/" + YEAR).then().body("dimensions[0].weight", equalTo(55.0f));

        String unit = Fixtures.unit("县民政局");
        String assessmentId = Fixtures.score(unit, "P1", YEAR + "-03", 50).statusCode(201)
                .body("systemVersion", equalTo(1)).extract().path("assessmentId");

        // scored: the change becomes version 2, version 1 stays readable and the score keeps pointing at it
        put("/indicator-systems/" + YEAR, Fixtures.system(70, 30)).statusCode(200).body("version", equalTo(2));
        given().get("/indicator-systems/" + YEAR).then().body("version", equalTo(2)).body("dimensions[0].weight", equalTo(70.0f));
        given().get("/indicator-systems/" + YEAR + "/versions/1").then().statusCode(200).body("dimensions[0].weight", equalTo(55.0f));
        given().get("/indicator-systems/" + YEAR + "/versions").then().body("", hasSize(2)).body("[0].scores", equalTo(1));
        given().get("/assessments/" + assessmentId).then().body("systemVersion", equalTo(1));
        Fixtures.score(unit, "P1", YEAR + "-04", 40).statusCode(201).body("systemVersion", equalTo(2));

        // the same definition again changes nothing
        long outbox = Db.outbox();
        put("/indicator-systems/" + YEAR, Fixtures.system(70, 30)).statusCode(200).body("version", equalTo(2));
        assertEquals(outbox, Db.outbox());
    }

    @Test
    void weightsNotSummingTo100AreRefusedNamingTheField() {
        String before = Db.snapshot();
        put("/indicator-systems/" + (YEAR + 1), Fixtures.system(60, 30)).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("dimensions[].weight"))
                .body("violations.find { it.field == 'dimensions[].weight' }.reason", equalTo("各一级指标权重之和应为 100，实际为 90"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void unknownVersionIsNotFound() {
        given().get("/indicator-systems/1999/versions/7").then().statusCode(404).contentType("application/problem+json")
                .body("violations[0].field", equalTo("version"));
    }

    @Test
    void aStudyRateIndicatorMustListPlannedActivities() {
        Map<String, Object> system = Fixtures.system(60, 40);
        @SuppressWarnings("unchecked")
        var plan = (java.util.List<Map<String, Object>>) system.get("studyPlan");
        var withoutMonthly = new java.util.HashMap<>(system);
        withoutMonthly.put("studyPlan", plan.stream().filter(p -> !"MONTHLY_DISCUSSION".equals(p.get("activityType"))).toList());
        put("/indicator-systems/" + (YEAR + 1), withoutMonthly).statusCode(400)
                .body("violations.field", hasItem("dimensions[0].indicators[1].activityTypes"));
    }
}
