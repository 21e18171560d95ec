package cn.partybuilding.assessment.bonus;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
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
class BonusCapTest {
    private static final int YEAR = 2017;

    @Test
    void bonusesAreCappedPerUnitAndYearTheRemainderIsGrantedThenRefused() {
        Fixtures.defineSystem(YEAR); // bonusCap 5
        String unit = Fixtures.unit("县科学技术局");
        post("/bonuses", Map.of("unitCode", unit, "period", YEAR + "-03", "points", 3, "reason", "获评省级先进基层党组织"))
                .statusCode(201).body("points", equalTo(3.0f)).body("capped", equalTo(false)).body("remainingThisYear", equalTo(2.0f));
        post("/bonuses", Map.of("unitCode", unit, "period", YEAR + "-07", "points", 4, "reason", "经验做法被市委刊物推广"))
                .statusCode(201).body("requestedPoints", equalTo(4.0f)).body("points", equalTo(2.0f)).body("capped", equalTo(true));
        String before = Db.snapshot();
        post("/bonuses", Map.of("unitCode", unit, "period", YEAR + "-09", "points", 1, "reason", "再次表彰"))
                .statusCode(409).contentType("application/problem+json").body("violations[0].field", equalTo("points"));
        assertEquals(before, Db.snapshot());
        given().queryParam("unitCode", unit).queryParam("year", YEAR).get("/bonuses").then().body("", hasSize(2));
        // another unit has its own cap
        String other = Fixtures.unit("县工业和信息化局");
        post("/bonuses", Map.of("unitCode", other, "period", YEAR + "-09", "points", 5, "reason", "表彰")).statusCode(201)
                .body("points", equalTo(5.0f));
    }
}
