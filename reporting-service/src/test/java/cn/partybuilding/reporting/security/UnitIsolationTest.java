package cn.partybuilding.reporting.security;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.security.SecurityCounty.APR;
import static cn.partybuilding.reporting.security.SecurityCounty.FEB;
import static cn.partybuilding.reporting.security.SecurityCounty.JAN;
import static cn.partybuilding.reporting.security.SecurityCounty.MAY;
import static cn.partybuilding.reporting.security.SecurityCounty.OTHER;
import static cn.partybuilding.reporting.security.SecurityCounty.OWN;
import static cn.partybuilding.reporting.security.SecurityCounty.YEAR;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A unit secretary sees its own unit's scorecard and trend; another unit's answers exactly as a unit that does not
 * exist (404, same problem). It reads only published rankings: the bulletin of an unpublished month is 404 for it, while
 * the committee gets the live bulletin marked 未发布. A member reads nothing of this service. Nothing is written.
 */
@QuarkusTest
class UnitIsolationTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventConsumers consumers;
    @Inject
    FactBatchHandler applier;
    @Inject
    FactsVersion factsVersion;

    @BeforeEach
    void county() throws Exception {
        SecurityCounty.ensure(dataSource, consumers, applier, factsVersion);
    }

    @Test
    void aSecretarySeesItsOwnScorecardAndAnotherUnitsAsMissing() throws Exception {
        String secretary = TestTokens.secretary(OWN);
        Map<String, Long> rows = SecurityCounty.rows(dataSource);
        given().auth().oauth2(secretary).get("/units/" + OWN + "/scorecard/" + JAN).then().statusCode(200)
                .body("unitCode", equalTo(OWN));
        given().auth().oauth2(TestTokens.admin()).get("/units/" + OTHER + "/scorecard/" + JAN).then().statusCode(200);

        Response other = given().auth().oauth2(secretary).get("/units/" + OTHER + "/scorecard/" + JAN);
        Response missing = given().auth().oauth2(secretary).get("/units/NO-SUCH/scorecard/" + JAN);
        Response missingForAdmin = given().auth().oauth2(TestTokens.admin()).get("/units/NO-SUCH/scorecard/" + JAN);
        assertSameAsMissing(other, missing, OTHER);
        assertSameAsMissing(other, missingForAdmin, OTHER);
        assertEquals(rows, SecurityCounty.rows(dataSource));
    }

    @Test
    void aSecretarySeesItsOwnTrendAndAnotherUnitsAsMissing() {
        String secretary = TestTokens.secretary(OWN);
        String range = "?from=" + JAN + "&to=" + APR;
        given().auth().oauth2(secretary).get("/units/" + OWN + "/trend" + range).then().statusCode(200)
                .body("[0].period", equalTo(JAN)).body("[0].published", equalTo(true));
        assertSameAsMissing(given().auth().oauth2(secretary).get("/units/" + OTHER + "/trend" + range),
                given().auth().oauth2(TestTokens.admin()).get("/units/NO-SUCH/trend" + range), OTHER);
    }

    @Test
    void aSecretaryReadsPublishedRankingsOnly() {
        String secretary = TestTokens.secretary(OWN);
        // the published county ranking lists every unit: it is the county's bulletin
        given().auth().oauth2(secretary).get("/rankings/" + JAN + "/published").then().statusCode(200)
                .body("entries.unitCode", equalTo(List.of(OWN, OTHER)));
        given().auth().oauth2(secretary).get("/rankings/" + JAN + "/bulletin.csv").then().statusCode(200);
        // May is scored but not published: the committee may export the live bulletin, the secretary may not see it
        String csv = given().auth().oauth2(TestTokens.admin()).get("/rankings/" + MAY + "/bulletin.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("未发布") && csv.contains(OTHER), csv);
        for (String format : List.of("csv", "xlsx")) {
            given().auth().oauth2(secretary).get("/rankings/" + MAY + "/bulletin." + format).then().statusCode(404)
                    .contentType(startsWith("application/problem+json")).body("violations[0].field", equalTo("period"));
        }
        given().auth().oauth2(secretary).get("/rankings/" + MAY + "/published").then().statusCode(404);
        given().auth().oauth2(secretary).get("/rankings/" + MAY).then().statusCode(403);
        given().auth().oauth2(secretary).get("/rankings/" + FEB + "/history").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aMemberAndAnotherUnitsSecretaryGetNothingOfAUnit() throws Exception {
        Map<String, Long> rows = SecurityCounty.rows(dataSource);
        given().auth().oauth2(TestTokens.member("SX1-S", OWN)).get("/units/" + OWN + "/scorecard/" + JAN).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.secretary(OTHER)).get("/units/" + OWN + "/scorecard/" + JAN).then().statusCode(404);
        // a secretary writes nothing here, its own unit's debrief score included (the committee enters it)
        given().auth().oauth2(TestTokens.secretary(OWN)).contentType("application/json").body("{\"score\":100}")
                .put("/years/" + YEAR + "/debriefs/" + OWN).then().statusCode(403);
        given().auth().oauth2(TestTokens.secretary(OWN)).contentType("application/json").body("{\"score\":0}")
                .put("/years/" + YEAR + "/debriefs/" + OTHER).then().statusCode(403);
        assertEquals(rows, SecurityCounty.rows(dataSource));
    }

    /** Another unit's answer is a missing unit's: status, type, title, field and reason; the detail names the code asked for. */
    private static void assertSameAsMissing(Response other, Response missing, String otherCode) {
        assertEquals(404, other.statusCode(), other.asString());
        assertEquals(missing.statusCode(), other.statusCode());
        assertEquals(missing.contentType(), other.contentType());
        JsonPath a = other.jsonPath();
        JsonPath b = missing.jsonPath();
        assertEquals(b.getString("title"), a.getString("title"));
        assertEquals(b.getList("violations"), a.getList("violations"));
        assertEquals(b.getString("detail").replace("NO-SUCH", otherCode), a.getString("detail"));
    }
}
