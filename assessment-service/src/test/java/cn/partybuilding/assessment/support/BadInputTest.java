package cn.partybuilding.assessment.support;

import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Transport-level bad input: malformed JSON, wrong types, oversized bodies, unknown member. Each: problem+json, nothing written. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class BadInputTest {
    @Test
    void malformedJsonIsAProblemNamingTheBody() {
        String before = Db.snapshot();
        given().contentType(ContentType.JSON).body("{\"unitCode\": \"U1\", \"name\": ").post("/units").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("body"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        String unit = Fixtures.unit("县公安局");
        String before = Db.snapshot();
        given().contentType(ContentType.JSON).body(Map.of("memberId", "M-x", "unitCode", unit, "name", "张三", "rank", "GENERAL", "role", "MEMBER"))
                .post("/members").then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("rank"));
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + unit + "\",\"indicatorCode\":\"P1\",\"period\":\"2022-01\",\"score\":\"many\",\"assessor\":\"a\"}")
                .post("/assessments").then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("score"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void anUnknownMemberIsNamed() {
        String before = Db.snapshot();
        given().contentType(ContentType.JSON).body(Map.of("memberId", "NOBODY", "activityType", "WEEKLY_STUDY", "date", "2022-03-01"))
                .post("/study/completions").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("memberId"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() {
        String before = Db.snapshot();
        StringBuilder big = new StringBuilder("{\"period\":\"2022-01\",\"completions\":[");
        String row = "{\"memberId\":\"M-000000001\",\"activityType\":\"WEEKLY_STUDY\",\"date\":\"2022-01-03\",\"minutes\":45},";
        while (big.length() < 5 * 1024 * 1024) {
            big.append(row);
        }
        big.setLength(big.length() - 1);
        big.append("]}");
        given().contentType(ContentType.JSON).body(big.toString()).post("/study/completions/batch").then()
                .statusCode(413).contentType("application/problem+json").body("violations[0].field", equalTo("body"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aWrongContentTypeIsAProblemToo() {
        String before = Db.snapshot();
        given().contentType("application/xml").body("<unit/>").post("/units").then().statusCode(415)
                .contentType("application/problem+json").body("violations[0].field", equalTo("Content-Type"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/members/import'.post.summary", org.hamcrest.Matchers.containsString("CSV"))
                .body("paths.'/study/completions/batch'.post", org.hamcrest.Matchers.notNullValue())
                .body("tags.name", org.hamcrest.Matchers.hasItems("Organisation", "Indicator system", "Assessments", "Study"));
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().get("/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    }
}
