package cn.partybuilding.reporting.debrief;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.facts.FactsVersion;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.partybuilding.reporting.support.Db.count;
import static cn.partybuilding.reporting.support.Db.execute;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.5, the annual 述职评议, with real signed tokens (who reviewed comes from the token) and the real broker. Year
 * 2058, which no other test uses; units AD1–AD3 of its own (removed afterwards; the year's rows stay, nobody reads 2058).
 * In order: bad inputs are refused naming the field and write nothing; then five reviewers' scores are trimmed, four are
 * meaned, the year publishes with them, and the 年度通报 and the 优秀单位's 通报表扬 reach the notice topic exactly once, a
 * republication sending none again; a review after publication is refused.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnualDebriefTest {
    static final int YEAR = 2058;
    static final List<String> PANEL = List.of("reviewer-1", "reviewer-2", "reviewer-3", "reviewer-4", "reviewer-5");
    static final String SYSTEM = "{\"year\":2058,\"version\":1,\"bonusCap\":5,\"dimensions\":[{\"code\":\"POLITICAL\",\"name\":\"政治建设\","
            + "\"weight\":100,\"indicators\":[{\"code\":\"P1\",\"name\":\"政治理论学习\",\"maxPoints\":100,\"kind\":\"MANUAL\"}]}],\"studyPlan\":[]}";
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    FactsVersion factsVersion;

    @BeforeEach
    void countyOf2058() throws SQLException {
        execute(dataSource, "insert into indicator_system (for_year, version, body, event_id) values (2058, 1, '" + SYSTEM + "', 'annual-debrief-test') "
                + "on conflict do nothing");
        execute(dataSource, "insert into unit (unit_code, name, category, event_id) values ('AD1', '县档案馆', '党政机关', 'annual-debrief-ad1'), "
                + "('AD2', '县机关事务中心', '党政机关', 'annual-debrief-ad2'), ('AD3', '县地方志办', '党政机关', 'annual-debrief-ad3') on conflict do nothing");
        execute(dataSource, "insert into period_state (period, locked, event_id, locked_at) select to_char(make_date(2058, m, 1), 'YYYY-MM'), true, "
                + "'annual-debrief-lock-' || m, now() from generate_series(1, 12) m on conflict do nothing");
        factsVersion.bump();
    }

    @AfterEach
    void removeUnits() throws SQLException {
        execute(dataSource, "delete from unit where unit_code in ('AD1', 'AD2', 'AD3')");
        factsVersion.bump();
    }

    @Test
    @Order(1)
    void badInputsAreRefusedNamingTheFieldAndWriteNothing() throws SQLException {
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reviewers", PANEL))
                .put("/years/" + YEAR + "/debrief-panel").then().statusCode(200);
        long reviewsBefore = count(dataSource, "select count(*) from debrief_review where for_year = 2058");
        long panelBefore = count(dataSource, "select count(*) from debrief_reviewer where for_year = 2058");

        Response duplicate = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("reviewers", List.of("reviewer-1", "reviewer-1"))).put("/years/" + YEAR + "/debrief-panel");
        problem(duplicate, 400, "reviewers[1]");
        problem(given().auth().oauth2(admin).contentType("application/json").body(Map.of("reviewers", List.of("评委 一")))
                .put("/years/" + YEAR + "/debrief-panel"), 400, "reviewers[0]");

        // a reviewer the panel does not name: 403, whatever the score
        Response notOnPanel = review("reviewer-9", "AD1", "{\"score\":80}");
        problem(notOnPanel, 403, "reviewer");
        assertEquals("您不是 2058 年度述职评议组的评委", notOnPanel.jsonPath().getString("detail"));
        problem(review("reviewer-1", "AD1", "{\"score\":100.5}"), 400, "score");
        problem(review("reviewer-1", "AD1", "{\"score\":-1}"), 400, "score");
        problem(review("reviewer-1", "AD1", "{\"score\":80.125}"), 400, "score");
        problem(review("reviewer-1", "AD1", "{\"score\":\"80\"}"), 400, "score");
        problem(review("reviewer-1", "AD1", "{}"), 400, "score");
        problem(review("reviewer-1", "NO-SUCH", "{\"score\":80}"), 404, "unitCode");
        // the committee and the assessors do not score: the role is the panel's
        assertEquals(403, given().auth().oauth2(admin).contentType("application/json").body("{\"score\":80}")
                .put("/years/" + YEAR + "/debrief-reviews/AD1").statusCode());

        String secretary = TestTokens.secretary("AD1");
        problem(pledges(secretary, "AD1", "{\"pledges\":[{\"content\":\"每月开展主题党日\",\"status\":\"DONE\"}]}"), 400, "pledges[0].status");
        problem(pledges(secretary, "AD1", "{\"pledges\":[{\"content\":\" \"}]}"), 400, "pledges[0].content");
        problem(pledges(secretary, "AD2", "{\"pledges\":[{\"content\":\"每月开展主题党日\"}]}"), 404, "unitCode");

        assertEquals(reviewsBefore, count(dataSource, "select count(*) from debrief_review where for_year = 2058"), "no review written");
        assertEquals(panelBefore, count(dataSource, "select count(*) from debrief_reviewer where for_year = 2058"), "panel unchanged");
        assertEquals(0, count(dataSource, "select count(*) from unit_pledge where for_year = 2058"), "no pledge written");
    }

    @Test
    @Order(2)
    void thePanelsMeansPublishTheYearAndItsNoticesGoOutOnce() throws SQLException {
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reviewers", PANEL))
                .put("/years/" + YEAR + "/debrief-panel").then().statusCode(200);
        // AD1: five reviewers, 100 and 70 dropped → (90 + 80 + 85) / 3 = 85; AD2: four, plain mean 305 / 4 = 76.25; AD3: one, 88
        double[] ad1 = {90, 80, 100, 70, 85};
        double[] ad2 = {95, 60, 80, 70};
        for (int i = 0; i < ad1.length; i++) {
            assertEquals(200, review(PANEL.get(i), "AD1", "{\"score\":" + ad1[i] + "}").statusCode());
        }
        for (int i = 0; i < ad2.length; i++) {
            assertEquals(200, review(PANEL.get(i), "AD2", "{\"score\":" + ad2[i] + "}").statusCode());
        }
        assertEquals(200, review("reviewer-1", "AD3", "{\"score\":70}").statusCode());
        assertEquals(200, review("reviewer-1", "AD3", "{\"score\":88}").statusCode(), "a reviewer may correct its score");

        JsonPath overview = given().auth().oauth2(TestTokens.auditor()).get("/years/" + YEAR + "/debriefs").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(PANEL, overview.getList("reviewers"));
        assertEquals(85.0f, overview.getFloat("units.find { it.unitCode == 'AD1' }.score"));
        assertEquals(true, overview.getBoolean("units.find { it.unitCode == 'AD1' }.trimmed"));
        assertEquals(5, overview.getInt("units.find { it.unitCode == 'AD1' }.reviewCount"));
        assertEquals(76.25f, overview.getFloat("units.find { it.unitCode == 'AD2' }.score"));
        assertEquals(false, overview.getBoolean("units.find { it.unitCode == 'AD2' }.trimmed"));
        assertEquals(88.0f, overview.getFloat("units.find { it.unitCode == 'AD3' }.score"));
        // a reviewer sees only its own scores, not the others' nor the mean
        JsonPath mine = given().auth().oauth2(TestTokens.reviewer("reviewer-2")).get("/years/" + YEAR + "/debriefs").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(80.0f, mine.getFloat("units.find { it.unitCode == 'AD1' }.myScore"));
        assertNull(mine.get("units.find { it.unitCode == 'AD1' }.score"));
        assertEquals(List.of(), mine.getList("units.find { it.unitCode == 'AD1' }.reviews"));

        // the unit's 公开承诺, kept by its secretary, read back with their fulfilment
        String secretary = TestTokens.secretary("AD1");
        pledges(secretary, "AD1", "{\"pledges\":[{\"content\":\"全年开展主题党日12次\",\"status\":\"FULFILLED\",\"evidence\":\"12次活动记录\"},"
                + "{\"content\":\"建成党员活动室\"}]}").then().statusCode(200).body("fulfilled", org.hamcrest.Matchers.equalTo(1));
        JsonPath card = given().auth().oauth2(secretary).get("/years/" + YEAR + "/pledges/AD1").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("FULFILLED", "IN_PROGRESS"), card.getList("pledges.status"));
        assertEquals("AD1 党组织书记", card.getString("pledges[0].recordedBy"));
        assertEquals(404, given().auth().oauth2(TestTokens.secretary("AD2")).get("/years/" + YEAR + "/pledges/AD1").statusCode());

        for (int m = 1; m <= 12; m++) {
            String month = String.format("2058-%02d", m);
            if (given().auth().oauth2(admin).get("/rankings/" + month + "/published").statusCode() == 404) {
                given().auth().oauth2(admin).post("/rankings/" + month + "/publish").then().statusCode(200);
            }
        }
        // every other unit of the year (other tests' units, 未报送 all year) gets one review of 50
        JsonPath december = given().auth().oauth2(admin).get("/rankings/2058-12/published").then().statusCode(200).extract().jsonPath();
        List<String> units = new ArrayList<>(december.<String>getList("entries.unitCode"));
        units.addAll(december.<String>getList("notSubmitted.unitCode"));
        for (String unit : units) {
            if (!unit.startsWith("AD")) {
                assertEquals(200, review("reviewer-1", unit, "{\"score\":50}").statusCode());
            }
        }
        // a reviewer who scored cannot leave the panel
        problem(given().auth().oauth2(admin).contentType("application/json").body(Map.of("reviewers", PANEL.subList(1, 5)))
                .put("/years/" + YEAR + "/debrief-panel"), 409, "reviewers");

        JsonPath published = given().auth().oauth2(admin).post("/years/" + YEAR + "/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(85.0f, published.getFloat("results.find { it.unitCode == 'AD1' }.debriefScore"));
        assertEquals(25.5f, published.getFloat("results.find { it.unitCode == 'AD1' }.annualScore"), "0.7 × 0 + 0.3 × 85");
        assertEquals(76.25f, published.getFloat("results.find { it.unitCode == 'AD2' }.debriefScore"));
        List<String> excellent = published.getList("results.findAll { it.excellent }.unitCode");
        assertEquals(List.of("AD3", "AD1", "AD2"), excellent, "the top three: 0.3 × 88, 0.3 × 85, 0.3 × 76.25");

        // the year is published: reviews and panel changes are refused, nothing written
        long reviews = count(dataSource, "select count(*) from debrief_review where for_year = 2058");
        Response late = review("reviewer-3", "AD3", "{\"score\":60}");
        problem(late, 409, "year");
        assertEquals(reviews, count(dataSource, "select count(*) from debrief_review where for_year = 2058"));
        // a republication needs a reason; version 2 recomputes with the same scores and requests no notice again but its 更正通报
        problem(given().auth().oauth2(admin).post("/years/" + YEAR + "/publish"), 409, "reason");
        given().auth().oauth2(admin).contentType("application/json").body("{\"reason\":\"复核\"}").post("/years/" + YEAR + "/publish")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(2));
        // the year's versions, each with why it was published again
        JsonPath history = given().auth().oauth2(TestTokens.auditor()).get("/years/" + YEAR + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(1, 2), history.getList("version"));
        assertEquals(java.util.Arrays.asList(null, "复核"), history.getList("reason"));
        problem(given().auth().oauth2(admin).get("/years/20580/history"), 400, "year");
        awaitOutboxSent();

        List<CloudEvent> notices = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(10), seen -> false).stream()
                .map(TopicProbe::parseOrNull).filter(e -> e != null && EventTypes.NOTICE_REQUESTED.equals(e.type())
                        && String.valueOf(YEAR).equals(e.data().path("period").asText())).toList();
        Map<String, Integer> byKey = new TreeMap<>();
        notices.forEach(e -> byKey.merge(e.data().path("noticeKey").asText(), 1, Integer::sum));
        assertEquals(Map.of("ANNUAL_BULLETIN|ALL_UNITS|2058", 1, "ANNUAL_COMMENDATION|AD1|2058", 1, "ANNUAL_COMMENDATION|AD2|2058", 1,
                "ANNUAL_COMMENDATION|AD3|2058", 1, "ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2058", 1), byKey,
                "each notice requested exactly once, across two publications, and version 2's 更正通报");
        notices.forEach(CONTRACT::assertConforms);
        CloudEvent bulletin = notices.stream().filter(e -> e.data().path("noticeType").asText().equals("ANNUAL_BULLETIN")).findFirst().orElseThrow();
        assertEquals(units.size(), bulletin.data().path("addressees").size(), "主送 every unit of the results");
        assertEquals(units.size(), bulletin.data().path("facts").path("results").size());
        CloudEvent ad1Praise = notices.stream().filter(e -> e.data().path("noticeKey").asText().equals("ANNUAL_COMMENDATION|AD1|2058")).findFirst()
                .orElseThrow();
        assertEquals(85.0, ad1Praise.data().path("facts").path("debriefScore").asDouble());
        assertEquals(2, ad1Praise.data().path("facts").path("rank").asInt());
    }

    private void awaitOutboxSent() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(dataSource, "select count(*) from outbox_event where sent_at is null") > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Response review(String reviewer, String unit, String body) {
        return given().auth().oauth2(TestTokens.reviewer(reviewer)).contentType("application/json").body(body)
                .put("/years/" + YEAR + "/debrief-reviews/" + unit);
    }

    private static Response pledges(String token, String unit, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).put("/years/" + YEAR + "/pledges/" + unit);
    }

    private static void problem(Response response, int status, String field) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType(), response.asString());
        assertTrue(response.jsonPath().getList("violations.field").contains(field), response.asString());
    }


}
