package cn.partybuilding.reporting.publication;

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
import cn.partybuilding.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A republished year whose 党建工作优秀单位 changed re-notices them (issue 16.5 with issue 13.5's rule), read from the
 * broker. County of 2091 (AY1..AY4, monthly scores 90, 80, 70, 68 all year, every unit's debrief 80): version 1 commends
 * AY1, AY2, AY3. December is corrected (AY3 0, AY4 100) and republished; the year's version 2 then has AY4 优秀 instead of
 * AY3: it requests AY4's 通报表扬, withdraws AY3's with a reason naming the version, and requests neither the 年度通报 nor
 * AY1's and AY2's commendations again. A third version that changes nothing requests and withdraws nothing.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class AnnualRepublicationNoticesTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final int YEAR = 2091;

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
    void aRepublishedYearCommendsTheNewExcellentUnitsAndWithdrawsTheOthers() {
        County county = new County(YEAR);
        double[] scores = {90, 80, 70, 68};
        for (int u = 1; u <= scores.length; u++) {
            county.unit("AY" + u, "县AY" + u + "局");
            for (int m = 1; m <= 12; m++) {
                county.score("AY" + u, month(m), scores[u - 1], 1);
            }
        }
        for (int m = 1; m <= 12; m++) {
            county.locked(month(m));
        }
        apply(county);
        TreeSet<String> units = new TreeSet<>();
        for (int m = 1; m <= 12; m++) {
            JsonPath published = given().post("/rankings/" + month(m) + "/publish").then().statusCode(200).extract().jsonPath();
            units.addAll(published.getList("entries.unitCode"));
            units.addAll(published.getList("notSubmitted.unitCode"));
        }
        // every unit of the year (other tests' units too, 未报送 all year) needs its debrief score
        for (String unit : units) {
            given().contentType(ContentType.JSON).body(Map.of("score", 80)).put("/years/" + YEAR + "/debriefs/" + unit).then().statusCode(200);
        }
        JsonPath v1 = given().post("/years/" + YEAR + "/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("AY1", "AY2", "AY3"), v1.getList("results.findAll { it.excellent }.unitCode"));

        // December corrected: AY3 falls to (11 × 70 + 0) / 12, AY4 rises to (11 × 68 + 100) / 12
        apply(county.reopened(month(12), "12月得分录入有误").score("AY3", month(12), 0, 2).score("AY4", month(12), 100, 2).locked(month(12)));
        given().contentType(ContentType.JSON).body(Map.of("reason", "12月得分录入有误")).post("/rankings/" + month(12) + "/publish")
                .then().statusCode(200);
        JsonPath v2 = given().post("/years/" + YEAR + "/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(2, v2.getInt("version"));
        assertEquals(List.of("AY1", "AY2", "AY4"), v2.getList("results.findAll { it.excellent }.unitCode"));
        // a third version with the same results: nothing more
        given().post("/years/" + YEAR + "/publish").then().statusCode(200);

        Predicate<CloudEvent> ours = e -> e != null && String.valueOf(YEAR).equals(e.data().path("period").asText());
        List<CloudEvent> read = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(60),
                        seen -> seen.stream().map(TopicProbe::parseOrNull).filter(ours).map(e -> e.type() + e.data().path("noticeKey").asText())
                                .filter(k -> k.equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED + "ANNUAL_COMMENDATION|AY3-S|2091")
                                        || k.equals(EventTypes.NOTICE_REQUESTED + "ANNUAL_COMMENDATION|AY4-S|2091")).count() >= 2)
                .stream().map(TopicProbe::parseOrNull).filter(ours).toList();
        Map<String, Integer> requested = new TreeMap<>();
        read.stream().filter(e -> e.type().equals(EventTypes.NOTICE_REQUESTED))
                .forEach(e -> requested.merge(e.data().path("noticeKey").asText(), 1, Integer::sum));
        assertEquals(Map.of("ANNUAL_BULLETIN|ALL_UNITS|2091", 1, "ANNUAL_COMMENDATION|AY1-S|2091", 1, "ANNUAL_COMMENDATION|AY2-S|2091", 1,
                "ANNUAL_COMMENDATION|AY3-S|2091", 1, "ANNUAL_COMMENDATION|AY4-S|2091", 1), requested,
                "AY4's commendation added by version 2; nothing requested twice across three versions");
        List<CloudEvent> withdrawals = read.stream().filter(e -> e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED)).toList();
        assertEquals(List.of("ANNUAL_COMMENDATION|AY3-S|2091"), withdrawals.stream().map(e -> e.data().path("noticeKey").asText()).toList());
        CloudEvent withdrawal = withdrawals.get(0);
        assertEquals("AY3", withdrawal.subject(), "on the unit's partition, after the commendation it withdraws");
        assertEquals(2, withdrawal.data().path("version").asInt());
        assertEquals("2091年度考评结果已更正为第2版，本单位不再位列党建工作优秀单位，本通知所依据的结果已不再成立",
                withdrawal.data().path("reason").asText());
        read.forEach(CONTRACT::assertConforms);
    }

    private static String month(int m) {
        return String.format("%d-%02d", YEAR, m);
    }

    private void apply(County county) {
        assertEquals(List.of(), consumers.idempotent("annual-republication-test", applier).handle(county.events()));
        factsVersion.bump();
    }

    @AfterEach
    void removeCounty() throws Exception {
        CountyCleanup.remove(dataSource, "AY", YEAR);
        factsVersion.bump();
    }
}
