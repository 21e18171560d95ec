package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.5, through the broker: the year 2059's results as reporting-service requests them on their first publication —
 * ONE 年度通报 主送 all units (its table in the facts: issued at once, nothing to wait for) and the 年度通报表扬 of the
 * 优秀单位 — are issued as official documents: the bulletin one 文号 with a copy in each secretary's inbox, the table in
 * its text; the commendation names the unit's annual, monthly and debrief scores. The same requests again issue nothing
 * more.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class AnnualNoticesTest {
    static final String YEAR = "2059";
    static final String[] NAMES = {"县年一局", "县年二局", "县年三局"};

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void theAnnualBulletinAndTheCommendationsAreIssuedOnce() {
        clock.setLocal(LocalDateTime.of(2060, 1, 12, 9, 0));
        List<Map<String, Object>> addressees = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        double[][] scores = {{92.5, 90, 91.75}, {88, 85, 87.1}, {70, 60, 67}};
        for (int u = 1; u <= 3; u++) {
            String unit = String.format("Y%02d", u);
            addressees.add(Reporting.addressee(unit + "-S", "书记" + u, unit.toLowerCase() + "-s@example.gov.cn", unit, NAMES[u - 1]));
            results.add(row(u, unit, NAMES[u - 1], scores[u - 1], u == 1));
        }
        CloudEvent bulletin = countyWide("ANNUAL_BULLETIN", YEAR, Map.of("version", 1, "unitsRanked", 3, "excellentUnits", 1, "results", results),
                addressees);
        CloudEvent commendation = Reporting.request("ANNUAL_COMMENDATION", new Reporting.Recipient("Y01-S", "UNIT_SECRETARY", "书记1",
                        "y01-s@example.gov.cn"), YEAR, "Y01", NAMES[0], null,
                Map.of("rank", 1, "unitsRanked", 3, "meanMonthlyScore", 92.5, "debriefScore", 90, "annualScore", 91.75, "excellent", true));
        Reporting.publish(bootstrap, bulletin, commendation);

        for (int u = 1; u <= 3; u++) {
            String secretary = String.format("Y%02d-S", u);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("status", "all").get("/inbox/" + secretary)
                    .then().statusCode(200).body("findAll { it.noticeType == 'ANNUAL_BULLETIN' }", hasSize(1)));
        }
        JsonPath copies = given().queryParam("period", YEAR).queryParam("type", "ANNUAL_BULLETIN").get("/notices").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, copies.getList("$").size(), "a copy per unit's secretary");
        assertEquals(1, copies.getList("documentNumber").stream().distinct().count(), "one document, one 文号");
        JsonPath copy = given().get("/notices/" + copies.getString("[0].id")).then().statusCode(200).extract().jsonPath();
        assertEquals("关于2059年度全县机关党建工作考评结果的通报", copy.getString("title"));
        String body = copy.getString("body");
        assertTrue(body.contains("县年一局等1个单位被评为2059年度党建工作优秀单位，予以通报表扬"), body);
        assertTrue(body.contains("第1名　县年一局　年度得分91.75分（月度平均92.5分，述职评议90分）　优秀单位"), body);
        assertTrue(body.contains("第3名　县年三局　年度得分67分（月度平均70分，述职评议60分）"), body);
        assertTrue(body.contains("全县3个县直机关单位"), body);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/Y01-S").then()
                .body("findAll { it.noticeType == 'ANNUAL_COMMENDATION' }", hasSize(1)));
        String id = given().get("/inbox/Y01-S").then().extract().jsonPath().getString("find { it.noticeType == 'ANNUAL_COMMENDATION' }.id");
        JsonPath praise = given().get("/notices/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("关于对县年一局2059年度党建工作予以通报表扬的通报", praise.getString("title"));
        assertTrue(praise.getString("body").contains("年度综合得分91.75分（月度考评平均92.5分，述职评议90分），在全县3个县直机关单位中排名第1位，"
                + "被评为2059年度党建工作优秀单位"), praise.getString("body"));
        assertTrue(praise.getString("document").contains("县年一局党组（党委）书记书记1同志："), praise.getString("document"));

        // the same requests again (a redelivery, or a republication that asked again) issue nothing more
        Reporting.publish(bootstrap, bulletin, commendation);
        Reporting.awaitConsumed(bootstrap);
        assertEquals(3, given().queryParam("period", YEAR).queryParam("type", "ANNUAL_BULLETIN").get("/notices").then()
                .extract().jsonPath().getList("$").size());
        assertEquals(1, given().queryParam("period", YEAR).queryParam("type", "ANNUAL_COMMENDATION").get("/notices").then()
                .extract().jsonPath().getList("$").size());
    }

    /**
     * Issue 13.5 for a year, through the broker: the 更正通报 of a republished year (version 2, with the reason), as
     * reporting-service requests it for the 年度通报's addressees, reaches each of them once — one document, one 文号, citing
     * the version and the reason, with the corrected table. The request delivered again, or asked again under a new event
     * id, issues nothing more.
     */
    @Test
    void theCorrectionOfARepublishedYearReachesEachAddresseeOnce() {
        clock.setLocal(LocalDateTime.of(2042, 2, 3, 9, 0));
        String year = "2041";
        String[] names = {"县正一局", "县正二局"};
        List<Map<String, Object>> addressees = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        double[][] scores = {{90, 80, 87}, {88, 95, 90.1}}; // corrected: 县正二局 now first and 优秀
        for (int u = 1; u <= 2; u++) {
            String unit = String.format("Z%02d", u);
            addressees.add(Reporting.addressee(unit + "-S", "书记" + u, unit.toLowerCase() + "-s@example.gov.cn", unit, names[u - 1]));
            results.add(row(3 - u, unit, names[u - 1], scores[u - 1], u == 2));
        }
        Map<String, Object> facts = Map.of("version", 2, "reason", "县正二局述职评议得分录入有误", "unitsRanked", 2, "excellentUnits", 1,
                "results", results);
        CloudEvent correction = countyWide("ANNUAL_CORRECTION_BULLETIN", year, facts, addressees);
        Reporting.publish(bootstrap, correction);

        for (int u = 1; u <= 2; u++) {
            String secretary = String.format("Z%02d-S", u);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("status", "all").get("/inbox/" + secretary)
                    .then().statusCode(200).body("findAll { it.noticeType == 'ANNUAL_CORRECTION_BULLETIN' }", hasSize(1)));
        }
        JsonPath copies = given().queryParam("period", year).queryParam("type", "ANNUAL_CORRECTION_BULLETIN").get("/notices").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, copies.getList("$").size(), "a copy per addressee of the 年度通报");
        assertEquals(1, copies.getList("documentNumber").stream().distinct().count(), "one document, one 文号");
        JsonPath copy = given().get("/notices/" + copies.getString("[0].id")).then().statusCode(200).extract().jsonPath();
        assertEquals("关于更正2041年度全县机关党建工作考评结果通报的通报", copy.getString("title"));
        String body = copy.getString("body");
        assertTrue(body.contains("2041年度全县机关党建工作考评结果通报印发后，因县正二局述职评议得分录入有误，年度考评结果经复核予以更正，更正为第2版"), body);
        assertTrue(body.contains("县正二局等1个单位为2041年度党建工作优秀单位"), body);
        assertTrue(body.contains("第1名　县正二局　年度得分90.1分（月度平均88分，述职评议95分）　优秀单位"), body);
        assertTrue(body.contains("第2名　县正一局　年度得分87分（月度平均90分，述职评议80分）"), body);

        // delivered again, and asked again under a new event id: still one copy each
        Reporting.publish(bootstrap, correction, countyWide("ANNUAL_CORRECTION_BULLETIN", year, facts, addressees));
        Reporting.awaitConsumed(bootstrap);
        assertEquals(2, given().queryParam("period", year).queryParam("type", "ANNUAL_CORRECTION_BULLETIN").get("/notices").then()
                .extract().jsonPath().getList("$").size());
        assertEquals(1, given().queryParam("status", "all").get("/inbox/Z01-S").then().extract().jsonPath()
                .getList("findAll { it.noticeType == 'ANNUAL_CORRECTION_BULLETIN' }").size());
    }

    /** A row of the year's table as reporting-service sends it ({@code facts.results}); scores: mean monthly, debrief, annual. */
    private static Map<String, Object> row(int rank, String unitCode, String unitName, double[] scores, boolean excellent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rank", rank);
        row.put("meanMonthlyScore", scores[0]);
        row.put("debriefScore", scores[1]);
        row.put("annualScore", scores[2]);
        row.put("excellent", excellent);
        row.put("unitCode", unitCode);
        row.put("unitName", unitName);
        return row;
    }

    /** A document of the year 主送 all units (recipient ALL_UNITS), as reporting-service requests it (a new event id each call). */
    private static CloudEvent countyWide(String type, String year, Map<String, Object> facts, List<Map<String, Object>> addressees) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeKey", type + "|ALL_UNITS|" + year);
        data.put("noticeType", type);
        data.put("period", year);
        data.put("recipient", Map.of("id", "ALL_UNITS", "kind", "ALL_UNITS", "name", "各县直机关单位党组（党委）、机关党委（党总支、党支部）"));
        data.put("facts", facts);
        data.put("addressees", addressees);
        return CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, Topics.COMMITTEE_SUBJECT, CloudEventCodec.toTree(data));
    }
}
