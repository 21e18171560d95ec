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
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13.5: a republished month reaches the units. County of 2042 (RP1..RP5): in version 1 RP1 is 先进 and RP5 后进; a
 * correction swaps them and version 2 is published with a reason. Version 2 requests a 更正通报 (one document 主送 all
 * units, the version and the reason) instead of a second bulletin, withdraws RP1's 表扬 and RP5's 批评 (events
 * {@code notice.withdrawal-requested}, checked against the contract as read from the broker) and requests RP1's 批评 and
 * RP5's 表扬; what still applies is neither withdrawn nor requested anew under another key. A republished year follows the
 * same rule for its 优秀单位 (2091).
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class RepublicationNoticesTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final String MONTH = "2042-01";
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
    void aRepublicationWithdrawsWhatNoLongerAppliesAndSendsTheCorrectionBulletin() throws Exception {
        County county = new County(2042);
        double[] scores = {90, 70, 60, 50, 10};
        for (int u = 1; u <= 5; u++) {
            county.unit("RP" + u, "县RP" + u + "局").score("RP" + u, MONTH, scores[u - 1], 1);
        }
        apply(county.locked(MONTH));
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(200).body("entries[0].unitCode", equalTo("RP1"));
        List<String> v1 = keys(requested(1));
        assertTrue(v1.containsAll(List.of("MONTHLY_BULLETIN|ALL_UNITS|2042-01", "COMMENDATION|RP1-S|2042-01", "CRITICISM|RP5-S|2042-01")), v1::toString);

        apply(county.reopened(MONTH, "县RP1局、县RP5局得分录入有误").score("RP1", MONTH, 5, 2).score("RP5", MONTH, 95, 2).locked(MONTH));
        given().contentType(ContentType.JSON).body(Map.of("reason", "县RP1局、县RP5局得分录入有误"))
                .post("/rankings/" + MONTH + "/publish").then().statusCode(200).body("version", equalTo(2));

        List<CloudEvent> v2 = requested(2);
        assertEquals(List.of("COMMENDATION|RP5-S|2042-01", "CORRECTION_BULLETIN|ALL_UNITS|2042-01", "CRITICISM|RP1-S|2042-01"),
                keys(v2).stream().filter(k -> !v1.contains(k)).sorted().toList(), "new in version 2");
        assertFalse(keys(v2).contains("MONTHLY_BULLETIN|ALL_UNITS|2042-01"), "no second bulletin");
        JsonNode correction = v2.stream().map(CloudEvent::data).filter(d -> d.path("noticeType").asText().equals("CORRECTION_BULLETIN"))
                .findFirst().orElseThrow();
        assertEquals("ALL_UNITS", correction.path("recipient").path("kind").asText());
        assertEquals(5, correction.path("addressees").size());
        assertEquals(2, correction.path("facts").path("version").asInt());
        assertEquals("县RP1局、县RP5局得分录入有误", correction.path("facts").path("reason").asText());

        List<CloudEvent> withdrawals = Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream()
                .filter(e -> e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED) && MONTH.equals(e.data().path("period").asText())).toList();
        assertEquals(List.of("COMMENDATION|RP1-S|2042-01", "CRITICISM|RP5-S|2042-01"),
                withdrawals.stream().map(e -> e.data().path("noticeKey").asText()).sorted().toList());
        CloudEvent commendation = withdrawals.stream().filter(e -> e.data().path("noticeKey").asText().startsWith("COMMENDATION")).findFirst().orElseThrow();
        assertEquals("RP1", commendation.subject(), "on the unit's partition, after the notice it withdraws");
        assertEquals("2042年1月考评排名已更正为第2版（县RP1局、县RP5局得分录入有误），本通知所依据的结果已不再成立",
                commendation.data().path("reason").asText());

        // through the broker, as the document says
        Predicate<CloudEvent> ours = e -> e != null && MONTH.equals(e.data().path("period").asText())
                && (e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED) || e.data().path("noticeType").asText().equals("CORRECTION_BULLETIN"));
        List<CloudEvent> read = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(60),
                        seen -> seen.stream().map(TopicProbe::parseOrNull).filter(ours).count() >= 3)
                .stream().map(TopicProbe::parseOrNull).filter(ours).toList();
        assertEquals(3, read.size());
        read.forEach(CONTRACT::assertConforms);

        // a third version changing nothing withdraws nothing more
        apply(county.reopened(MONTH, "复核").locked(MONTH));
        given().contentType(ContentType.JSON).body(Map.of("reason", "复核无变化")).post("/rankings/" + MONTH + "/publish").then().statusCode(200);
        assertEquals(2, Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream()
                .filter(e -> e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED) && MONTH.equals(e.data().path("period").asText())).count());
    }

    /**
     * Issue 13.6: the two-lagging-months interview is decided from the published versions of both months whenever either
     * is (re)published. County of 2043 (IV1..IV5, IV5 the one that lags). April published before March: March's
     * publication requests April's interview. June first without IV5 lagging, July with: no interview until June is
     * republished with IV5 lagging; a third version of June without it withdraws July's interview.
     */
    @Test
    void theTwoLaggingMonthsInterviewIsDecidedWhateverTheOrderOfPublication() throws Exception {
        County county = new County(2043);
        for (int u = 1; u <= 5; u++) {
            county.unit("IV" + u, "县IV" + u + "局");
        }
        scores(county, "2043-04", 1, 90, 70, 60, 50, 10);
        scores(county, "2043-03", 1, 90, 70, 60, 50, 10);
        apply(county.locked("2043-03").locked("2043-04"));
        given().post("/rankings/2043-04/publish").then().statusCode(200);
        assertFalse(interviews().contains("INTERVIEW|IV5-L|2043-04"), "March is not published yet");
        given().post("/rankings/2043-03/publish").then().statusCode(200);
        assertTrue(interviews().contains("INTERVIEW|IV5-L|2043-04"), "April published before March: March's publication decides it");

        scores(county, "2043-06", 1, 10, 70, 60, 50, 90);
        scores(county, "2043-07", 1, 90, 70, 60, 50, 10);
        apply(county.locked("2043-06").locked("2043-07"));
        given().post("/rankings/2043-06/publish").then().statusCode(200);
        given().post("/rankings/2043-07/publish").then().statusCode(200);
        assertFalse(interviews().contains("INTERVIEW|IV5-L|2043-07"), "IV5 was not lagging in June");
        apply(county.reopened("2043-06", "6月得分更正").score("IV5", "2043-06", 5, 2).score("IV1", "2043-06", 95, 2).locked("2043-06"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "6月得分更正")).post("/rankings/2043-06/publish").then().statusCode(200);
        assertTrue(interviews().contains("INTERVIEW|IV5-L|2043-07"), "June republished after July with IV5 lagging");

        apply(county.reopened("2043-06", "6月得分再次更正").score("IV5", "2043-06", 95, 3).score("IV1", "2043-06", 5, 3).locked("2043-06"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "6月得分再次更正")).post("/rankings/2043-06/publish").then().statusCode(200);
        CloudEvent withdrawal = Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream()
                .filter(e -> e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED)
                        && e.data().path("noticeKey").asText().equals("INTERVIEW|IV5-L|2043-07")).findFirst().orElseThrow();
        assertEquals("2043年6月考评排名已更正为第3版（6月得分再次更正），本通知所依据的结果已不再成立：2043年7月不再是连续第二个月处于后进",
                withdrawal.data().path("reason").asText());
        CONTRACT.assertConforms(withdrawal);
    }

    /**
     * A republished year whose 党建工作优秀单位 changed re-notices them (issue 16.5 with issue 13.5's rule), read from the
     * broker. County of 2091 (AY1..AY4, monthly scores 90, 80, 70, 68 all year, every unit's debrief 80): version 1
     * commends AY1, AY2, AY3. December is corrected (AY3 0, AY4 100) and republished; the year's version 2 (refused without
     * a reason) then has AY4 优秀 instead of AY3: it sends the year's 更正通报 to the 年度通报's addressees citing the version
     * and the reason, requests AY4's 通报表扬, withdraws AY3's with a reason naming the version and why, and requests
     * neither the 年度通报 nor AY1's and AY2's commendations again. A third version that changes nothing sends its own
     * 更正通报 and requests and withdraws nothing else.
     */
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
        given().post("/years/" + YEAR + "/publish").then().statusCode(409).body("violations[0].field", equalTo("reason"));
        JsonPath v2 = given().contentType(ContentType.JSON).body(Map.of("reason", "12月得分录入有误"))
                .post("/years/" + YEAR + "/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(2, v2.getInt("version"));
        assertEquals(List.of("AY1", "AY2", "AY4"), v2.getList("results.findAll { it.excellent }.unitCode"));
        // a third version with the same results: its 更正通报, nothing more
        given().contentType(ContentType.JSON).body(Map.of("reason", "复核无变化")).post("/years/" + YEAR + "/publish").then().statusCode(200);

        Predicate<CloudEvent> ours = e -> e != null && String.valueOf(YEAR).equals(e.data().path("period").asText());
        List<CloudEvent> read = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(60),
                        seen -> seen.stream().map(TopicProbe::parseOrNull).filter(ours).map(e -> e.type() + e.data().path("noticeKey").asText())
                                .filter(k -> k.equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED + "ANNUAL_COMMENDATION|AY3-S|2091")
                                        || k.equals(EventTypes.NOTICE_REQUESTED + "ANNUAL_COMMENDATION|AY4-S|2091")
                                        || k.equals(EventTypes.NOTICE_REQUESTED + "ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2091")).count() >= 4)
                .stream().map(TopicProbe::parseOrNull).filter(ours).toList();
        Map<String, Integer> requested = new TreeMap<>();
        read.stream().filter(e -> e.type().equals(EventTypes.NOTICE_REQUESTED))
                .forEach(e -> requested.merge(e.data().path("noticeKey").asText(), 1, Integer::sum));
        assertEquals(Map.of("ANNUAL_BULLETIN|ALL_UNITS|2091", 1, "ANNUAL_COMMENDATION|AY1-S|2091", 1, "ANNUAL_COMMENDATION|AY2-S|2091", 1,
                "ANNUAL_COMMENDATION|AY3-S|2091", 1, "ANNUAL_COMMENDATION|AY4-S|2091", 1, "ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2091", 2), requested,
                "AY4's commendation added by version 2, a 更正通报 per republication; nothing else requested twice across three versions");
        List<JsonNode> corrections = read.stream().filter(e -> e.type().equals(EventTypes.NOTICE_REQUESTED)
                && e.data().path("noticeType").asText().equals("ANNUAL_CORRECTION_BULLETIN")).map(CloudEvent::data).toList();
        JsonNode bulletin = read.stream().filter(e -> e.data().path("noticeType").asText().equals("ANNUAL_BULLETIN")).findFirst()
                .orElseThrow().data();
        assertEquals(List.of(2, 3), corrections.stream().map(c -> c.path("facts").path("version").asInt()).toList());
        assertEquals(List.of("12月得分录入有误", "复核无变化"), corrections.stream().map(c -> c.path("facts").path("reason").asText()).toList());
        java.util.function.Function<JsonNode, List<String>> ids = d -> java.util.stream.StreamSupport.stream(d.path("addressees").spliterator(), false)
                .map(a -> a.path("id").asText()).sorted().toList();
        assertEquals(ids.apply(bulletin), ids.apply(corrections.get(0)), "主送 the 年度通报's addressees (in the corrected order)");
        assertEquals(List.of("AY1", "AY2", "AY4"), java.util.stream.StreamSupport.stream(corrections.get(0).path("facts").path("results").spliterator(), false)
                .filter(r -> r.path("excellent").asBoolean()).map(r -> r.path("unitCode").asText()).toList(), "the corrected table");
        List<CloudEvent> withdrawals = read.stream().filter(e -> e.type().equals(EventTypes.NOTICE_WITHDRAWAL_REQUESTED)).toList();
        assertEquals(List.of("ANNUAL_COMMENDATION|AY3-S|2091"), withdrawals.stream().map(e -> e.data().path("noticeKey").asText()).toList());
        CloudEvent withdrawal = withdrawals.get(0);
        assertEquals("AY3", withdrawal.subject(), "on the unit's partition, after the commendation it withdraws");
        assertEquals(2, withdrawal.data().path("version").asInt());
        assertEquals("2091年度考评结果已更正为第2版（12月得分录入有误），本单位不再位列党建工作优秀单位，本通知所依据的结果已不再成立",
                withdrawal.data().path("reason").asText());
        read.forEach(CONTRACT::assertConforms);
    }

    private static String month(int m) {
        return String.format("%d-%02d", YEAR, m);
    }

    private static void scores(County county, String month, int revision, double... scores) {
        for (int u = 1; u <= scores.length; u++) {
            county.score("IV" + u, month, scores[u - 1], revision);
        }
    }

    /** The keys of every INTERVIEW requested so far (from any publication). */
    private List<String> interviews() throws Exception {
        return Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream()
                .filter(e -> e.type().equals(EventTypes.NOTICE_REQUESTED) && e.data().path("noticeType").asText().equals("INTERVIEW"))
                .map(e -> e.data().path("noticeKey").asText()).toList();
    }

    private void apply(County county) {
        assertEquals(List.of(), consumers.idempotent("republication-test", applier).handle(county.events()));
        factsVersion.bump();
    }

    /** The notice requests publication {@code version} of the month emitted (their ids are derived from key and version). */
    private List<CloudEvent> requested(int version) throws Exception {
        return Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream()
                .filter(e -> e.type().equals(EventTypes.NOTICE_REQUESTED) && MONTH.equals(e.data().path("period").asText())
                        && e.id().equals(PublicationEvents.deterministicId(e.data().path("noticeKey").asText() + "|v" + version)))
                .toList();
    }

    private static List<String> keys(List<CloudEvent> events) {
        return events.stream().map(e -> e.data().path("noticeKey").asText()).collect(Collectors.toList());
    }

    @AfterEach
    void removeCounty() throws Exception {
        CountyCleanup.remove(dataSource, "RP", 2042);
        CountyCleanup.remove(dataSource, "IV", 2043);
        CountyCleanup.remove(dataSource, "AY", YEAR);
        factsVersion.bump();
    }
}
