package cn.partybuilding.reporting.publication;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.reporting.facts.FactsVersion;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.support.Db.count;
import static cn.partybuilding.reporting.support.Db.execute;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quarter is published only when its three months are, a year only when its twelve months are and every unit with
 * monthly results has a 述职评议 score; otherwise a 409 names what is missing and nothing is written (no publication row,
 * no event in the outbox). Runs in order (the quarters before the year, which needs every month). Uses the months of 2034, which no other test publishes: the indicator system is written
 * straight into the table, plus one unit of this test's own (IP1, removed afterwards) so that the year has a unit to
 * name; other units are whatever other tests registered.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncompletePeriodPublicationTest {
    static final String SYSTEM = "{\"year\":2034,\"version\":1,\"bonusCap\":5,\"dimensions\":[{\"code\":\"POLITICAL\",\"name\":\"政治建设\","
            + "\"weight\":100,\"indicators\":[{\"code\":\"P1\",\"name\":\"政治理论学习\",\"maxPoints\":100,\"kind\":\"MANUAL\"}]}],\"studyPlan\":[]}";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @BeforeEach
    void indicatorSystemAndUnitOf2034() throws SQLException {
        execute(dataSource, "insert into indicator_system (for_year, version, body, event_id) values (2034, 1, '" + SYSTEM.replace("'", "''")
                + "', 'incomplete-period-test') on conflict do nothing");
        execute(dataSource, "insert into unit (unit_code, name, category, event_id) values ('IP1', '县信访局', '党政机关', 'incomplete-period-unit') "
                + "on conflict do nothing");
        // frozen months: a month is published only while locked in assessment-service (its period.locked, as the ingest stores it)
        execute(dataSource, "insert into period_state (period, locked, event_id, locked_at) select to_char(make_date(2034, m, 1), 'YYYY-MM'), true, "
                + "'incomplete-period-lock-' || m, now() from generate_series(1, 12) m on conflict do nothing");
        factsVersion.bump();
    }

    /** The unit leaves the roster so that no other test's ranking sees it; 2034's publications stay (no other test reads 2034). */
    @AfterEach
    void removeUnit() throws SQLException {
        execute(dataSource, "delete from unit where unit_code = 'IP1'");
        factsVersion.bump();
    }

    @Test
    @Order(2)
    void aQuarterWithAMonthUnpublishedIsRefusedNamingTheMonthsAndNothingIsWritten() throws SQLException {
        publishMonth("2034-01");
        publishMonth("2034-02");
        long outboxBefore = count(dataSource, "select count(*) from outbox_event where payload like '%2034-Q1%'");

        Response refused = given().post("/quarters/2034-Q1/publish");
        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(List.of("months"), refused.jsonPath().getList("violations.field"));
        assertEquals("未发布的月份：2034-03", refused.jsonPath().getString("violations[0].reason"));
        assertTrue(refused.jsonPath().getString("detail").contains("2034-03"), refused.asString());
        assertEquals(0, count(dataSource, "select count(*) from quarterly_publication where quarter = '2034-Q1'"), "no publication row");
        assertEquals(0, count(dataSource, "select count(*) from quarterly_grade where quarter = '2034-Q1'"), "no grade row");
        assertEquals(outboxBefore, count(dataSource, "select count(*) from outbox_event where payload like '%2034-Q1%'"),
                "no quarterly-grades.published and no interview request");
        given().get("/quarters/2034-Q1").then().statusCode(404);

        // with the third month published the quarter is graded from all three
        publishMonth("2034-03");
        given().post("/quarters/2034-Q1/publish").then().statusCode(200)
                .body("grades.months", equalTo(List.of("2034-01", "2034-02", "2034-03")))
                .body("grades.version", equalTo(1));
        given().get("/quarters/2034-Q1").then().statusCode(200).body("find { it.unitCode == 'IP1' }.months", equalTo(3));
    }

    @Test
    @Order(1)
    void aQuarterWithNoMonthPublishedNamesAllThree() {
        given().post("/quarters/2034-Q3/publish").then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("months")))
                .body("violations[0].reason", equalTo("未发布的月份：2034-07、2034-08、2034-09"));
    }

    @Test
    @Order(3)
    void aYearNeedsAllTwelveMonthsAndADebriefForEveryUnit() throws SQLException {
        for (int m = 1; m <= 11; m++) {
            publishMonthOnce(String.format("2034-%02d", m));
        }
        Response missingMonth = given().post("/years/2034/publish");
        assertEquals(409, missingMonth.statusCode(), missingMonth.asString());
        assertEquals("application/problem+json", missingMonth.contentType());
        assertEquals(List.of("months"), missingMonth.jsonPath().getList("violations.field"));
        assertEquals("未发布的月份：2034-12", missingMonth.jsonPath().getString("violations[0].reason"));
        assertNothingWrittenFor2034();

        publishMonthOnce("2034-12");
        // nobody submitted in December (issue 12.4): its units are all listed as 未报送, not as entries
        io.restassured.path.json.JsonPath december = given().get("/rankings/2034-12/published").then().statusCode(200).extract().jsonPath();
        List<String> units = new java.util.ArrayList<>(december.<String>getList("entries.unitCode"));
        units.addAll(december.<String>getList("notSubmitted.unitCode"));
        assertTrue(units.contains("IP1"), units.toString());
        // every unit but IP1 gets its debrief: the refusal names IP1 (a missing debrief no longer counts as 0)
        for (String unit : units) {
            if (!unit.equals("IP1")) {
                given().contentType(ContentType.JSON).body(Map.of("score", 80)).put("/years/2034/debriefs/" + unit).then().statusCode(200);
            }
        }
        Response missingDebrief = given().post("/years/2034/publish");
        assertEquals(409, missingDebrief.statusCode(), missingDebrief.asString());
        assertEquals(List.of("debrief"), missingDebrief.jsonPath().getList("violations.field"));
        assertEquals("无述职评议得分的单位：IP1 县信访局", missingDebrief.jsonPath().getString("violations[0].reason"));
        assertNothingWrittenFor2034();

        given().contentType(ContentType.JSON).body(Map.of("score", 70)).put("/years/2034/debriefs/IP1").then().statusCode(200);
        Response published = given().post("/years/2034/publish");
        assertEquals(200, published.statusCode(), published.asString());
        assertEquals(12, published.jsonPath().getList("months").size());
        assertEquals(70.0f, published.jsonPath().getFloat("results.find { it.unitCode == 'IP1' }.debriefScore"));
        // IP1 scored 0 every month (nothing recorded): 0.7 × 0 + 0.3 × 70
        assertEquals(21.0f, published.jsonPath().getFloat("results.find { it.unitCode == 'IP1' }.annualScore"));
    }

    private void assertNothingWrittenFor2034() throws SQLException {
        assertEquals(0, count(dataSource, "select count(*) from annual_publication where for_year = 2034"), "no publication row");
        assertEquals(0, count(dataSource, "select count(*) from annual_result where for_year = 2034"), "no result row");
        assertEquals(0, count(dataSource, "select count(*) from outbox_event where payload like '%annual-results.published%' and payload like '%\"year\":2034%'"),
                "no annual-results.published");
        given().get("/years/2034").then().statusCode(404);
    }

    private static void publishMonth(String month) {
        given().post("/rankings/" + month + "/publish").then().statusCode(200);
    }

    /** The year test runs after the quarter test, which published January to March. */
    private static void publishMonthOnce(String month) {
        if (given().get("/rankings/" + month + "/published").statusCode() == 404) {
            publishMonth(month);
        }
    }


}
