package cn.partybuilding.reporting.workbench;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.support.CountyCleanup;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a browser gets before anyone signs in: the workbench page, every script it loads (ECharts from the jar, no CDN)
 * and its configuration, all without a token and none of it in the API's OpenAPI document; and the one read added for
 * the workbench, the county's mean per dimension behind the scorecard's radar, which does need a token.
 */
@QuarkusTest
class WorkbenchServingTest {
    private static final String MONTH = "2032-05";

    @Inject
    FactBatchHandler applier;

    @Inject
    EventConsumers consumers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Test
    void thePageAndEveryScriptItLoadsAreServedWithoutATokenAndNothingFromAnotherHost() {
        String page = given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .extract().asString();
        assertTrue(page.contains("工作台"), page);
        Matcher sources = Pattern.compile("<(?:script[^>]*src|link[^>]*href)=\"([^\"]+)\"").matcher(page);
        List<String> loaded = new ArrayList<>();
        while (sources.find()) {
            loaded.add(sources.group(1));
        }
        assertTrue(loaded.contains("webjars/echarts/5.3.1/dist/echarts.min.js"), loaded.toString());
        assertTrue(loaded.size() >= 10, "the page loads its scripts and style: " + loaded);
        for (String path : loaded) {
            assertFalse(path.startsWith("http") || path.startsWith("//"), "loaded from another host (county intranets have no internet): " + path);
            Response response = given().get("/" + path);
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.asByteArray().length > 100, path);
        }
        assertTrue(given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").asByteArray().length > 900_000, "the whole ECharts bundle");
    }

    @Test
    void theConfigurationIsServedWithoutATokenAndIsNoPartOfTheApi() {
        JsonPath config = given().get("/workbench/config.json").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("application/json")).extract().jsonPath();
        assertEquals("http://127.0.0.1:8180/realms/county", config.getString("identityUrl"));
        assertEquals("workbench", config.getString("clientId"));
        assertEquals("http://127.0.0.1:8081", config.getString("assessmentUrl"));
        assertEquals("http://127.0.0.1:8083", config.getString("notificationUrl"));
        assertEquals(4, config.getMap("").size(), "addresses and the public client's id only, no secret: " + config.prettify());

        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertFalse(openApi.contains("/workbench"), "the workbench's files are not API operations");
        assertTrue(openApi.contains("/rankings/{period}/dimension-means"), "the radar's read is an operation like any other");
    }

    @Test
    void theCountyMeanPerDimensionCountsOnlyUnitsThatSubmittedAndNeedsAToken() {
        List<IncomingEvent> events = new ArrayList<>();
        events.add(event(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT, map("year", 2032,
                "version", 1, "bonusCap", 5, "examPassScore", 60, "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 100, "kind", "MANUAL"))),
                        map("code", "ORGANISATION", "name", "组织建设", "weight", 40, "indicators", List.of(
                                map("code", "O1", "name", "三会一课", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of())));
        for (String unit : List.of("WB1", "WB2", "WB3")) {
            events.add(event(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, unit, map("unitCode", unit, "name", "单位" + unit, "category", "党政机关")));
        }
        // WB1: 80 and 60; WB2: 100 and 90; WB3 submits nothing (未报送) and must not pull the means down
        events.add(score("WB1", "P1", 80));
        events.add(score("WB1", "O1", 60));
        events.add(score("WB2", "P1", 100));
        events.add(score("WB2", "O1", 90));
        assertEquals(List.of(), consumers.idempotent("workbench-test", applier).handle(events));
        factsVersion.bump();

        given().get("/rankings/" + MONTH + "/dimension-means").then().statusCode(401);
        given().auth().oauth2(TestTokens.person("member-wb1-006", "党员", "MEMBER").member("WB1-006").sign()).get("/rankings/" + MONTH + "/dimension-means").then().statusCode(403);

        for (String token : List.of(TestTokens.admin(), TestTokens.secretary("WB1"))) {
            JsonPath means = given().auth().oauth2(token).get("/rankings/" + MONTH + "/dimension-means").then().statusCode(200).extract().jsonPath();
            assertEquals(2, means.getInt("units"));
            assertEquals(List.of("POLITICAL", "ORGANISATION"), means.getList("dimensions.code"));
            assertEquals(List.of("政治建设", "组织建设"), means.getList("dimensions.name"));
            assertEquals(90.0, means.getDouble("dimensions[0].mean"));
            assertEquals(75.0, means.getDouble("dimensions[1].mean"));
            assertEquals(60.0, means.getDouble("dimensions[0].weight"));
        }
    }

    @Test
    void aMonthWithoutSubmissionsHasNoMean() {
        List<IncomingEvent> events = new ArrayList<>();
        events.add(event(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT, map("year", 2032,
                "version", 1, "bonusCap", 5, "examPassScore", 60, "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of())));
        events.add(event(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, "WB1", map("unitCode", "WB1", "name", "单位WB1", "category", "党政机关")));
        assertEquals(List.of(), consumers.idempotent("workbench-test", applier).handle(events));
        factsVersion.bump();

        JsonPath means = given().auth().oauth2(TestTokens.admin()).get("/rankings/" + MONTH + "/dimension-means").then().statusCode(200).extract().jsonPath();
        assertEquals(0, means.getInt("units"));
        assertNull(means.get("dimensions[0].mean"));
    }

    @AfterEach
    void removeCounty() throws Exception {
        CountyCleanup.remove(dataSource, "WB", 2032);
        factsVersion.bump();
    }

    private static IncomingEvent score(String unit, String indicator, double score) {
        return event(Topics.ASSESSMENT, EventTypes.ASSESSMENT_RECORDED, unit, map("assessmentId", unit + "-" + indicator + "-" + MONTH,
                "revision", 1, "unitCode", unit, "indicatorCode", indicator, "period", MONTH, "score", score, "assessor", "王五",
                "systemYear", 2032, "systemVersion", 1));
    }

    private static int offset;

    private static IncomingEvent event(String topic, String type, String subject, Map<String, Object> data) {
        CloudEvent event = CloudEvent.withId(UUID.randomUUID().toString(), "/assessment-service", type, subject,
                OffsetDateTime.parse("2032-05-10T08:00:00+08:00"), CloudEventCodec.toTree(data));
        return new IncomingEvent(event, new ConsumerRecord<>(topic, 0, offset++, subject, CloudEventCodec.write(event)));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
