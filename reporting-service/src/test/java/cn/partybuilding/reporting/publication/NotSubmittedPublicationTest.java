package cn.partybuilding.reporting.publication;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.support.County;
import cn.partybuilding.reporting.support.CountyCleanup;
import cn.partybuilding.reporting.support.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12.4: a unit that submitted nothing has no score and no tier (未报送, never a number) in the live ranking, its
 * scorecard, the bulletin export, the publication and the notices; a month in which nobody submitted has no tiers and
 * no notices (it is published with every unit 未报送). County of 2041 (NS1, NS2 scored in January; NS3 only studied), applied through the ingest's rules.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class NotSubmittedPublicationTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    FactBatchHandler applier;

    @Inject
    EventConsumers consumers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Test
    void aUnitThatSubmittedNothingIsShownAs未报送AndGetsNoTierNorTierNotice() throws Exception {
        County county = new County(2041).unit("NS1", "县一局").unit("NS2", "县二局").unit("NS3", "县三局")
                .score("NS1", "2041-01", 80, 1).score("NS2", "2041-01", 60, 1).study("NS3", "2041-01-07");
        assertEquals(List.of(), consumers.idempotent("not-submitted-test", applier).handle(county.events()));
        factsVersion.bump();

        given().get("/rankings/2041-01").then().statusCode(200)
                .body("entries.unitCode", equalTo(List.of("NS1", "NS2")))
                .body("entries.tier", equalTo(List.of("MIDDLE", "LAGGING")))
                .body("notSubmitted.unitCode", equalTo(List.of("NS3")))
                .body("notSubmitted[0].unitName", equalTo("县三局"))
                .body("notSubmitted[0].label", equalTo("未报送"));
        given().get("/units/NS3/scorecard/2041-01").then().statusCode(200)
                .body("submitted", equalTo(false)).body("composite", nullValue()).body("label", equalTo("未报送"));
        String csv = given().get("/rankings/2041-01/bulletin.csv").then().statusCode(200).extract().body().asString();
        assertTrue(csv.contains("\r\n,NS3,县三局,未报送,,,,未报送,"), csv);

        apply(county.locked("2041-01"));
        JsonPath published = given().post("/rankings/2041-01/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("NS1", "NS2"), published.getList("entries.unitCode"));
        given().get("/rankings/2041-01/published").then().statusCode(200)
                .body("entries.unitCode", equalTo(List.of("NS1", "NS2")))
                .body("notSubmitted.unitCode", equalTo(List.of("NS3")))
                .body("notSubmitted[0].label", equalTo("未报送"));

        CloudEvent ranking = TopicProbe.readUntil(bootstrap, Topics.REPORTING, Duration.ofSeconds(60), seen -> seen.stream()
                        .map(TopicProbe::parseOrNull).anyMatch(NotSubmittedPublicationTest::january))
                .stream().map(TopicProbe::parseOrNull).filter(NotSubmittedPublicationTest::january).findFirst().orElseThrow();
        CONTRACT.assertConforms(ranking);
        assertEquals(2, ranking.data().get("entries").size(), "entries hold the ranked units only");
        assertEquals("NS3", ranking.data().get("notSubmitted").get(0).get("unitCode").asText());
        assertEquals("县三局", ranking.data().get("notSubmitted").get(0).get("unitName").asText());

        List<String> keys = noticeKeys("2041-01");
        assertTrue(keys.contains("CRITICISM|NS2-S|2041-01"), keys.toString());
        assertTrue(keys.contains("MONTHLY_BULLETIN|ALL_UNITS|2041-01"), "one bulletin 主送 all units (issue 12.5): " + keys);
        assertFalse(keys.stream().anyMatch(k -> k.contains("NS3-S") && !k.startsWith("STUDY_REMINDER")),
                "no criticism or commendation for a unit without a tier: " + keys);
        given().get("/units/NS3/trend?from=2041-01&to=2041-01").then().statusCode(200)
                .body("[0].status", equalTo("NOT_SUBMITTED")).body("[0].score", nullValue()).body("[0].rank", nullValue())
                .body("[0].tier", nullValue());
    }

    private void apply(County county) {
        assertEquals(List.of(), consumers.idempotent("not-submitted-test", applier).handle(county.events()));
        factsVersion.bump();
    }

    @Test
    void aMonthInWhichNobodySubmittedHasNoTiersAndIsPublishedWithoutAnyNotice() throws Exception {
        County county = new County(2041).unit("NS1", "县一局").unit("NS2", "县二局").study("NS1", "2041-02-04");
        assertEquals(List.of(), consumers.idempotent("not-submitted-test", applier).handle(county.events()));
        factsVersion.bump();

        given().get("/rankings/2041-02").then().statusCode(200)
                .body("entries", equalTo(List.of()))
                .body("notSubmitted.unitCode", equalTo(List.of("NS1", "NS2")))
                .body("note", equalTo("本月尚无单位报送考评数据，不评定等次，不发通报"));
        // published (quarters and years need every month), all units 未报送, and not a single notice
        apply(county.locked("2041-02"));
        given().post("/rankings/2041-02/publish").then().statusCode(200)
                .body("entries", equalTo(List.of())).body("notSubmitted.unitCode", equalTo(List.of("NS1", "NS2")))
                .body("noticeRequests", equalTo(0));
        given().get("/rankings/2041-02/published").then().statusCode(200)
                .body("entries", equalTo(List.of())).body("notSubmitted.label", equalTo(List.of("未报送", "未报送")));
        assertEquals(List.of(), noticeKeys("2041-02"), "no notice for a month nobody submitted");
    }

    private static boolean january(CloudEvent e) {
        return e != null && EventTypes.RANKING_PUBLISHED.equals(e.type()) && "2041-01".equals(e.data().path("period").asText());
    }

    /** The notice keys the outbox holds for the period. */
    private List<String> noticeKeys(String period) throws Exception {
        return Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream().map(CloudEvent::data)
                .filter(d -> period.equals(d.path("period").asText())).map(d -> d.path("noticeKey").asText()).toList();
    }

    @AfterEach
    void removeCounty() throws Exception {
        CountyCleanup.remove(dataSource, "NS", 2041);
        factsVersion.bump();
    }
}
