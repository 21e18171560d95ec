package cn.partybuilding.reporting.ranking;

import io.quarkus.test.common.http.TestHTTPResource;
import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.support.ConsumerCounters;
import cn.partybuilding.reporting.support.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole flow through the real broker and PostgreSQL, events published as assessment-service and other systems would.
 *
 * <pre>
 * Indicator system 2026 v1 (bonus cap 5):
 *   POLITICAL      weight 40: P1 MANUAL max 60; P2 STUDY_RATE max 40 (WEEKLY_STUDY)
 *   IDEOLOGICAL    weight 30: I1 MANUAL max 50; I2 EXAM_PASS_RATE max 30; I3 PLATFORM_POINTS max 20 (target 100 points/member/month)
 *   ORGANISATIONAL weight 30: O1 MANUAL max 100
 *   Study plan: WEEKLY_STUDY weekly for all members (October 2026 has 4 Mondays → 4 each),
 *               MONTHLY_DISCUSSION monthly for committee members (the secretary, not the principal leader).
 * Units U1..U7, each with a secretary Ux-S and a principal leader Ux-L in one top-level organisation.
 * P2 = 40 × done/8 (weekly only); the tie-break completion rate counts the whole plan (required 4 + 5 = 9).
 *
 * September (no study recorded → P2 = 0, points 0; exam 2026-Q3-theory passed by both members → I2 full, except U6:
 * only U6-L sat it and failed → 0/1):
 *   unit P1 I1  O1   POL  IDEO        ORG   composite
 *   U1   60 50 100    60   50+30=80   100   24+24+30   = 78
 *   U2   55 45  90    55   75          90   22+22.5+27 = 71.5
 *   U3   50 40  80    50   70          80   20+21+24   = 65
 *   U4   50 40  80    50   70          80   65 (tie with U3: same rate 0, no deductions → unit code)
 *   U5   30 40 100    30   70         100   12+21+30   = 63
 *   U6   55 30  50    55   30+0=30     50   22+9+15    = 46
 *   U7   30 30  60    30   30+30=60    60   12+18+18   = 48
 *   ranks U1 1, U2 2, U3 3, U4 4, U5 5, U7 6, U6 7. 7 submitted: ADVANCED floor(1.4)=1 (U1), LAGGING ceil(0.7)=1 (U6).
 *
 * October (weekly Oct 5/12/19/26, discussion Oct 15, exam 2026-10-theory on Oct 20 for U2..U7, points on Oct 10):
 *   U1: manual 60/50/100, weekly 8/8, points 100+100 (U1-S first 40, then 100 for the same day: last wins), bonus +3;
 *       no exam → I2 not applicable, its 30 points spread over I1 and I3 (× 100/70): IDEO (50+20) × 100/70 = 100
 *       POL 60+40=100, IDEO 100, ORG 100 → 100 + 3 = 103 (≤ 105 cap)
 *   U2: 55/45/90, weekly 8/8, exams 2/2 passed, points full → POL 95, IDEO 95, ORG 90 → 38+28.5+27 = 93.5
 *   U3: 50/40/80, weekly 8/8 + discussion, exams 2/2, points full → POL 90, IDEO 90, ORG 80 → 36+27+24 = 87, rate 9/9
 *   U4: same as U3 but no discussion → 87, rate 8/9 → ranked after U3 (tie broken by completion rate)
 *   U5: 30/40/100, weekly U5-S 4 + U5-L 2 (plus a learning platform repeating U5-L's Oct 12 with another id: counts once)
 *       → 6/8 → P2 30; exams 1/2 → I2 15; points U5-S 100 only → mean 50 → I3 10; deduction 2
 *       POL 60, IDEO 65, ORG 100 → 24+19.5+30 = 73.5 − 2 = 71.5
 *   U6: 55/30/50, weekly 8/8, exams 1/2 (U6-L fails again), points full, deduction 5
 *       POL 95, IDEO 65, ORG 50 → 38+19.5+15 = 72.5 − 5 = 67.5
 *   U7: no October score → NOT_SUBMITTED: not ranked, no score, no tier (未报送; its facts would add up to 9: exams 2/2)
 *   ranks: U1 1 (±0), U2 2, U3 3, U4 4, U5 5, U6 6 (+1)
 *   tiers over the 6 submitted: ADVANCED floor(1.2)=1 → U1; LAGGING ceil(0.6)=1 → U6
 * October notices: one bulletin 主送 all 7 units (copies to U1-S..U7-S); commendation U1-S; criticism U6-S; interview U6-L (LAGGING in Sep and Oct);
 *   (the exam notices went out when the results arrived, issue 16.6: 教育提醒 U6-L + U6-S for September's, U5-L + U5-S
 *   for October's, 诫勉谈话 U6-L + unit secretary U6-S for October's, U6-L's second failure of the year); study reminder U5-L (2/4 = 50 %), U7-S, U7-L (0 %).
 * Correction: U5 P1 revision 2 = 45 → POL 75 → 30+19.5+30−2 = 77.5 (a late revision-1 event for O1 is ignored).
 * What-if weights POLITICAL 60 / IDEOLOGICAL 30 / ORGANISATIONAL 10: U5 45+19.5+10−2 = 72.5, U6 57+19.5+5−5 = 76.5
 *   → U6 moves up to MIDDLE, U5 down to LAGGING.
 * Quarter 2026-Q4 is refused (409) until November and December are published too. November and December (same facts):
 *   manual P1/I1/O1 U1 60/49/99, U2 60/49/95, U3 50/42/80, U4 50/42/78, U5 31/21/98.5, U6 58/42/51.5, U7 O1 5 only;
 *   weekly study complete for U1 only (P2 40), nothing else → P2 0 for the others, I3 0, no exam → I2 not applicable
 *   (I1 × 100/70, so IDEO weighted = 3/7 × I1):
 *   U1 24+16+21+29.7 = 90.7, U2 24+21+28.5 = 73.5, U3 20+18+24 = 62, U4 20+18+23.4 = 61.4,
 *   U5 12.4+9+29.55 = 50.95, U6 23.2+18+15.45 = 56.65, U7 1.5.
 * Quarter 2026-Q4 (Oct v2, Nov, Dec): U1 (103+2×90.7)/3 = 94.8 EXCELLENT, U2 80.17 GOOD, U3 70.33 / U4 69.93 /
 *   U6 60.27 FAIR, U5 59.8 / U7 1 (October 未报送 counts 0) POOR → interview for U5-L and U7-L.
 * Year 2026: refused until January to August are published (no facts: every unit 0) and until every unit has a debrief;
 *   mean of the 12 months = (Sep + Oct v2 + Nov + Dec) / 12: U1 30.2, U2 26, U3 23, U4 22.9, U5 20.2, U6 18.9, U7 4.25;
 *   debriefs U1 90, U2 95, U3 80, U4 85, U5 90, U6 75, U7 60 → 0.7 × mean + 0.3 × debrief: U1 48.14, U2 46.7,
 *   U4 41.53, U5 41.14, U3 40.1, U6 35.73, U7 20.98 → top 3 excellent: U1, U2, U4.
 * </pre>
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RankingScenarioTest extends WithEventFixtures {
    @TestHTTPResource(value = "/metrics", management = true) // relative to the management root, /q
    java.net.URL metricsUrl;

    static final String SEP = "2026-09";
    static final String OCT = "2026-10";

    @Inject
    MeterRegistry registry;

    @Inject
    EventConsumers consumers;

    @Inject
    MutableClock clock;

    CloudEvent u5Correction;
    String u5FindingEvent;

    static Map<String, Object> indicatorSystem() {
        return map("year", 2026, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 40, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 60, "kind", "MANUAL"),
                                map("code", "P2", "name", "周学完成率", "maxPoints", 40, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY")))),
                        map("code", "IDEOLOGICAL", "name", "思想建设", "weight", 30, "indicators", List.of(
                                map("code", "I1", "name", "意识形态工作", "maxPoints", 50, "kind", "MANUAL"),
                                map("code", "I2", "name", "理论测试合格率", "maxPoints", 30, "kind", "EXAM_PASS_RATE"),
                                map("code", "I3", "name", "学习强国积分", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 100))),
                        map("code", "ORGANISATIONAL", "name", "组织建设", "weight", 30, "indicators", List.of(
                                map("code", "O1", "name", "三会一课", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of(
                        map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS"),
                        map("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "COMMITTEE_MEMBERS")));
    }

    static final String[] NAMES = {"县发展和改革局", "县财政局", "县教育局", "县卫生健康局", "县自然资源局", "县住房和城乡建设局", "县农业农村局"};
    static final double[][] MANUAL = {{60, 50, 100}, {55, 45, 90}, {50, 40, 80}, {50, 40, 80}, {30, 40, 100}, {55, 30, 50}, {30, 30, 60}};
    static final String[] INDICATORS = {"P1", "I1", "O1"};

    @Test
    @Order(1)
    void septemberIsRankedAndPublished() {
        for (int u = 1; u <= 7; u++) {
            String unit = "U" + u;
            events.unit(unit, NAMES[u - 1]);
            events.organization(unit + "-ORG", unit);
            events.member(unit + "-S", unit, unit + "-ORG", unit + " 书记", "SECRETARY");
            events.member(unit + "-L", unit, unit + "-ORG", unit + " 主要负责人", "PRINCIPAL_LEADER");
        }
        events.system(indicatorSystem());
        for (int u = 1; u <= 7; u++) {
            for (int i = 0; i < 3; i++) {
                events.score("U" + u, INDICATORS[i], SEP, MANUAL[u - 1][i], 1);
            }
        }
        events.exam("U6-L", "U6", "2026-Q3-theory", "2026-09-15", 52);
        // every other unit's two members pass the same exam: I2 is measured (30) for them, not "not applicable"
        for (int u : new int[]{1, 2, 3, 4, 5, 7}) {
            events.exam("U" + u + "-S", "U" + u, "2026-Q3-theory", "2026-09-15", 80);
            events.exam("U" + u + "-L", "U" + u, "2026-Q3-theory", "2026-09-15", 75);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/" + SEP).then().statusCode(200)
                .body("entries.unitCode", equalTo(List.of("U1", "U2", "U3", "U4", "U5", "U7", "U6")))
                .body("entries.score", equalTo(List.of(78.0f, 71.5f, 65.0f, 65.0f, 63.0f, 48.0f, 46.0f))));
        lockedAndPublished(SEP).then().statusCode(200)
                .body("version", equalTo(1))
                .body("entries.tier", equalTo(List.of("ADVANCED", "MIDDLE", "MIDDLE", "MIDDLE", "MIDDLE", "MIDDLE", "LAGGING")));
    }

    @Test
    @Order(2)
    void octoberMatchesTheHandComputedExample() {
        for (int u = 1; u <= 6; u++) {
            for (int i = 0; i < 3; i++) {
                events.score("U" + u, INDICATORS[i], OCT, MANUAL[u - 1][i], 1);
            }
        }
        String[] mondays = {"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"};
        for (int u = 1; u <= 6; u++) {
            String unit = "U" + u;
            int secretaryWeeks = 4;
            int leaderWeeks = u == 5 ? 2 : 4;
            for (int w = 0; w < secretaryWeeks; w++) {
                events.study("/assessment-service", unit + "-S", unit, "WEEKLY_STUDY", mondays[w]);
            }
            for (int w = 0; w < leaderWeeks; w++) {
                events.study("/assessment-service", unit + "-L", unit, "WEEKLY_STUDY", mondays[w]);
            }
            if (u != 4) {
                events.study("/assessment-service", unit + "-S", unit, "MONTHLY_DISCUSSION", "2026-10-15");
            }
        }
        // a learning platform reports U5-L's Oct 12 study again, under its own id: counted once per (member, type, day)
        events.study("/learning-platform", "U5-L", "U5", "WEEKLY_STUDY", "2026-10-12");
        events.exam("U2-S", "U2", "2026-10-theory", "2026-10-20", 88);
        events.exam("U2-L", "U2", "2026-10-theory", "2026-10-20", 75);
        events.exam("U5-S", "U5", "2026-10-theory", "2026-10-20", 90);
        events.exam("U5-L", "U5", "2026-10-theory", "2026-10-20", 41);
        events.exam("U6-S", "U6", "2026-10-theory", "2026-10-20", 70);
        events.exam("U6-L", "U6", "2026-10-theory", "2026-10-20", 55);
        for (String unit : List.of("U3", "U4", "U7")) {
            events.exam(unit + "-S", unit, "2026-10-theory", "2026-10-20", 80);
            events.exam(unit + "-L", unit, "2026-10-theory", "2026-10-20", 80);
        }
        events.points("U1-S", "U1", "2026-10-10", 40);
        events.points("U1-S", "U1", "2026-10-10", 100);
        events.points("U1-L", "U1", "2026-10-10", 100);
        for (int u = 2; u <= 6; u++) {
            events.points("U" + u + "-S", "U" + u, "2026-10-10", 100);
            if (u != 5) {
                events.points("U" + u + "-L", "U" + u, "2026-10-10", 100);
            }
        }
        events.bonus("B-1", "U1", OCT, 3);
        events.finding("F-5", "U5", OCT, 2);
        u5FindingEvent = events.sent.get(events.sent.size() - 1).event().id();
        events.finding("F-6", "U6", OCT, 5);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::assertOctober);
        JsonPath ranking = given().get("/rankings/" + OCT).then().extract().jsonPath();
        assertEquals(List.of(0, 0, 0, 0, 0, 1), ranking.getList("entries.rankChange"));
        assertEquals(List.of(1, 2, 3, 4, 5, 7), ranking.getList("entries.previousRank"));
        assertEquals(List.of(1.0f, 1.0f, 1.0f, 0.8889f, 0.7778f, 1.0f), ranking.getList("entries.completionRate"));
        assertEquals(List.of(0.0f, 0.0f, 0.0f, 0.0f, 2.0f, 5.0f), ranking.getList("entries.deductions"));
        assertEquals(List.of(3.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f), ranking.getList("entries.bonuses"));
    }

    void assertOctober() {
        given().get("/rankings/" + OCT).then().statusCode(200)
                .body("entries.unitCode", equalTo(List.of("U1", "U2", "U3", "U4", "U5", "U6")))
                .body("entries.rank", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                .body("entries.score", equalTo(List.of(103.0f, 93.5f, 87.0f, 87.0f, 71.5f, 67.5f)))
                .body("entries.tier", equalTo(List.of("ADVANCED", "MIDDLE", "MIDDLE", "MIDDLE", "MIDDLE", "LAGGING")))
                .body("entries.status", equalTo(List.of("SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED")))
                .body("notSubmitted.unitCode", equalTo(List.of("U7")))
                .body("notSubmitted.label", equalTo(List.of("未报送")));
    }

    @Test
    @Order(3)
    void scorecardDrillsDownToTheEvents() {
        JsonPath card = given().get("/units/U5/scorecard/" + OCT).then().statusCode(200).extract().jsonPath();
        assertEquals(71.5f, card.getFloat("composite"));
        assertEquals(List.of(60.0f, 65.0f, 100.0f), card.getList("dimensions.score"));
        assertEquals("完成 6/8", card.getString("dimensions[0].indicators[1].basis"));
        assertEquals(6, card.getList("dimensions[0].indicators[1].eventIds").size(), "one event per counted completion");
        assertEquals("合格 1/2", card.getString("dimensions[1].indicators[1].basis"));
        assertEquals(List.of(u5FindingEvent), card.getList("deductionItems.eventId"));
        given().get("/units/NOPE/scorecard/" + OCT).then().statusCode(404).contentType("application/problem+json")
                .body("violations.field", hasItem("unitCode"));
        given().get("/units/U5/scorecard/2026-13").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("period"));
        given().get("/rankings/2019-01").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("2019 年度考核指标体系尚未发布"));
        given().get("/rankings/" + OCT + "/published").then().statusCode(404).contentType("application/problem+json");
    }

    @Inject
    RankingService rankings;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @Test
    @Order(3)
    void precomputedScorecardsAreTheCardsComputedOnRequest() {
        YearMonth october = YearMonth.parse(OCT);
        assertEquals(-1, rankings.precomputeScorecards(october, () -> false), "a publication in progress stops it before the first chunk");
        int computed = rankings.precomputeScorecards(october);
        assertTrue(computed >= 6, "every unit without a current card: " + computed); // U5's card was cached by the request above
        assertEquals(0, rankings.precomputeScorecards(october), "nothing changed: every card is current");
        for (String unit : List.of("U1", "U2", "U3", "U4", "U5", "U6", "U7")) {
            byte[] onRequest = JsonBody.of(mapper, rankings.scorecard(october, unit)).json();
            assertEquals(new String(onRequest, java.nio.charset.StandardCharsets.UTF_8),
                    new String(rankings.scorecardBody(october, unit).json(), java.nio.charset.StandardCharsets.UTF_8), unit);
        }
        given().get("/units/U5/scorecard/" + OCT).then().statusCode(200).body("composite", equalTo(71.5f))
                .body("dimensions[0].indicators[1].eventIds", hasSize(6));
        // cards are kept compressed only: a client that does not accept gzip gets the same JSON under the same tag
        io.restassured.response.Response zipped = given().header("Accept-Encoding", "gzip").get("/units/U5/scorecard/" + OCT);
        io.restassured.response.Response plain = given().config(io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders())).get("/units/U5/scorecard/" + OCT);
        assertEquals("gzip", zipped.header("Content-Encoding"));
        assertEquals(null, plain.header("Content-Encoding"));
        assertEquals(plain.asString(), zipped.asString());
        assertEquals(plain.header("ETag").replace("\"", ""), zipped.header("ETag").replace("-gz", "").replace("\"", ""));
        assertEquals(71.5f, plain.jsonPath().getFloat("composite"));
    }

    @Test
    @Order(4)
    void redeliveringEveryEventChangesNothing() {
        String ingest = FactBatchHandler.CONSUMER;
        double handledBefore = ConsumerCounters.handled(registry, ingest);
        double duplicatesBefore = ConsumerCounters.events(registry, ingest, "duplicate");
        // study completions are deduplicated by their natural key, not by id: the platform hands them over again (counted
        // as applied) and the completion row already there absorbs them; every other event is a duplicate by id
        long completions = events.sent.stream().filter(s -> EventTypes.STUDY_COMPLETED.equals(s.event().type())).count();
        int redelivered = events.redeliverAll();
        await().atMost(Duration.ofSeconds(60)).until(() -> ConsumerCounters.handled(registry, ingest) >= handledBefore + redelivered);
        assertEquals(redelivered - completions, ConsumerCounters.events(registry, ingest, "duplicate") - duplicatesBefore, 0.1);
        assertOctober();
        given().get("/rankings/" + SEP).then()
                .body("entries.score", equalTo(List.of(78.0f, 71.5f, 65.0f, 65.0f, 63.0f, 48.0f, 46.0f)));
        // on the management port, without a token
        String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("eventing_consumer_events_total{consumer=\"ingest\",outcome=\"duplicate\"}"), "ingest counters are exported");
        assertTrue(metrics.contains("eventing_consumer_records_total{consumer=\"ingest\",outcome=\"dead-lettered\"}"), "loop counters are exported");
    }

    @Test
    @Order(5)
    void poisonMessagesGoToTheDeadLetterTopicAndLaterEventsStillCount() {
        TopicProbe.publishAs(bootstrap, KafkaAccess.LEARNING_PLATFORM.name(), Topics.STUDY, "U4", "this is not JSON {".getBytes(StandardCharsets.UTF_8));
        events.study("/learning-platform", "U4-S", "U4", "SWIMMING", "2026-10-15");
        events.send(Topics.STUDY, "/exam-system", EventTypes.EXAM_GRADED, "U4",
                map("unitCode", "U4", "examId", "x", "date", "2026-10-20", "score", 80, "passed", true));
        events.send(Topics.STUDY, "/learning-platform", "cn.partybuilding.study.teleported", "U4", map("memberId", "U4-S"));
        // readable and complete, but the database refuses it (member id longer than the 64 characters of the registry's codes)
        events.study("/learning-platform", "U4-" + "X".repeat(80), "U4", "THEME_DAY", "2026-10-15");
        // after the poison: U4's secretary holds the monthly discussion → U4's completion rate 8/9 → 9/9
        events.study("/learning-platform", "U4-S", "U4", "MONTHLY_DISCUSSION", "2026-10-15");

        String dlt = consumers.get(FactBatchHandler.CONSUMER).deadLetterTopic(Topics.STUDY);
        assertEquals(Topics.deadLetter(Topics.STUDY, "reporting-service"), dlt);
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(60), seen -> seen.size() >= 5);
        assertEquals(5, dead.size());
        List<String> reasons = dead.stream().map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).toList();
        assertTrue(reasons.get(0).startsWith("not JSON"), reasons.get(0));
        assertTrue(reasons.get(1).contains("SWIMMING"), reasons.get(1));
        assertEquals("missing required field 'memberId'", reasons.get(2));
        assertTrue(reasons.get(3).contains("unknown event type 'cn.partybuilding.study.teleported'"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("refused by the database"), reasons.get(4));
        assertEquals(Topics.STUDY, TopicProbe.header(dead.get(0), Topics.DLT_TOPIC_HEADER));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/rankings/" + OCT).then()
                .body("entries.find { it.unitCode == 'U4' }.completionRate", equalTo(1.0f)));
        // still behind U3 on equal score and rate: no deductions either → unit code decides
        assertOctober();
    }

    @Test
    @Order(6)
    void publishingOctoberFreezesItAndRequestsTheNotices() {
        // 07:30 on 1 November in Beijing, still 31 October in UTC: the interview deadline counts from the county's day
        clock.set(Instant.parse("2026-10-31T23:30:00Z"));
        try {
            lockedAndPublished(OCT).then().statusCode(200).body("version", equalTo(1));
        } finally {
            clock.reset();
        }
        given().get("/rankings/" + OCT + "/published").then().statusCode(200)
                .body("version", equalTo(1))
                .body("entries.score", equalTo(List.of(103.0f, 93.5f, 87.0f, 87.0f, 71.5f, 67.5f)))
                .body("notSubmitted.unitCode", equalTo(List.of("U7")));

        CloudEvent published = rankingPublished(OCT, 1);
        assertEquals(Topics.COMMITTEE_SUBJECT, published.subject());
        assertEquals(6, published.data().get("entries").size());
        assertEquals("U7", published.data().get("notSubmitted").get(0).get("unitCode").asText());
        assertEquals("LAGGING", published.data().get("entries").get(5).get("tier").asText());

        Set<String> expected = Set.of(
                "MONTHLY_BULLETIN|ALL_UNITS|2026-10",
                "COMMENDATION|U1-S|2026-10",
                "CRITICISM|U6-S|2026-10",
                "INTERVIEW|U6-L|2026-10",
                "STUDY_REMINDER|U5-L|2026-10", "STUDY_REMINDER|U7-S|2026-10", "STUDY_REMINDER|U7-L|2026-10");
        Map<String, JsonNode> notices = noticesFor(OCT, expected);
        assertTrue(notices.keySet().containsAll(expected), () -> "missing " + diff(expected, notices.keySet()));
        Set<String> unexpected = Set.of("INTERVIEW|U7-L|2026-10", "CRITICISM|U7-S|2026-10", "COMMENDATION|U2-S|2026-10", "CRITICISM|U5-S|2026-10",
                "ADMONISHMENT_TALK|U5-L|2026-10", "STUDY_REMINDER|U4-L|2026-10",
                // issue 16.6: the exam notices went out when the results arrived (ThroughIngestExamFollowUpTest), not with the month
                "EDUCATION_REMINDER|U5-L|2026-10", "EDUCATION_REMINDER|U5-S|2026-10", "EDUCATION_REMINDER|U6-L|2026-10",
                "ADMONISHMENT_TALK|U6-L|2026-10", "ADMONISHMENT_TALK|U6-S|2026-10");
        assertTrue(unexpected.stream().noneMatch(notices::containsKey), () -> "unexpected " + notices.keySet());
        assertEquals(1, notices.keySet().stream().filter(k -> k.startsWith("MONTHLY_BULLETIN|")).count(), "one bulletin (issue 12.5)");
        JsonNode interview = notices.get("INTERVIEW|U6-L|2026-10");
        assertEquals("PRINCIPAL_LEADER", interview.get("recipient").get("kind").asText());
        assertEquals("2026-12-01", interview.get("deadline").asText(), "1 November + interview-deadline-days (30), in Asia/Shanghai");
        JsonNode bulletin = notices.get("MONTHLY_BULLETIN|ALL_UNITS|2026-10");
        assertEquals("ALL_UNITS", bulletin.get("recipient").get("kind").asText());
        assertEquals(List.of("U1-S", "U2-S", "U3-S", "U4-S", "U5-S", "U6-S", "U7-S"),
                java.util.stream.StreamSupport.stream(bulletin.get("addressees").spliterator(), false).map(a -> a.get("id").asText()).toList());
        assertEquals("u7-s@example.gov.cn", bulletin.get("addressees").get(6).get("email").asText());
        assertEquals(0.5, notices.get("STUDY_REMINDER|U5-L|2026-10").get("facts").get("completionRate").asDouble());

        // published and not reopened since (frozen months): no second version, with or without a reason
        given().contentType(ContentType.JSON).body("{}").post("/rankings/" + OCT + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("violations.field", hasItem("period"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "更正")).post("/rankings/" + OCT + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("violations.field", hasItem("period"));
    }

    @Test
    @Order(7)
    void aCorrectionIsRepublishedAsVersionTwoAndHistoryKeepsBoth() {
        // the scorecard and the published ranking are served from cached bytes with an ETag: the same tag again → 304
        String cardPath = "/units/U5/scorecard/" + OCT;
        String cardTag = given().get(cardPath).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", cardTag).get(cardPath).then().statusCode(304);
        String latestTag = given().get("/rankings/" + OCT + "/published").then().statusCode(200)
                .header("Cache-Control", "no-cache").extract().header("ETag");
        given().header("If-None-Match", latestTag).get("/rankings/" + OCT + "/published").then().statusCode(304);

        // the committee reopens October with a reason (assessment-service accepts the correction only then)
        events.periodReopened(OCT, "U5 政治理论学习评分更正");
        u5Correction = events.score("U5", "P1", OCT, 45, 2);
        events.score("U5", "O1", OCT, 10, 1); // a late, lower revision: ignored
        // once the ingest committed the correction, the cached scorecard is not served any more (new content, new tag)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("If-None-Match", cardTag).get(cardPath).then()
                .statusCode(200).body("dimensions[0].indicators[0].eventIds", equalTo(List.of(u5Correction.id()))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/rankings/" + OCT).then()
                .body("entries.find { it.unitCode == 'U5' }.score", equalTo(77.5f)));
        given().get("/rankings/" + OCT + "/published").then().body("entries.find { it.unitCode == 'U5' }.score", equalTo(71.5f));

        // locked again: version 2 carries the reopen's reason
        lockedAndPublished(OCT).then().statusCode(200).body("version", equalTo(2));
        given().get("/rankings/" + OCT + "/history").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("reason[1]", equalTo("U5 政治理论学习评分更正"));
        given().get("/rankings/" + OCT + "/published?version=1").then().body("entries.find { it.unitCode == 'U5' }.score", equalTo(71.5f));
        given().get("/rankings/" + OCT + "/published").then().body("version", equalTo(2))
                .body("entries.find { it.unitCode == 'U5' }.score", equalTo(77.5f));
        // the latest version's old tag no longer matches; a numbered version is immutable; gzip and identity carry the same JSON
        given().header("If-None-Match", latestTag).get("/rankings/" + OCT + "/published").then().statusCode(200).body("version", equalTo(2));
        io.restassured.response.Response v1 = given().header("Accept-Encoding", "gzip").get("/rankings/" + OCT + "/published?version=1");
        assertEquals("gzip", v1.header("Content-Encoding"));
        assertEquals("public, max-age=31536000, immutable", v1.header("Cache-Control"));
        given().header("If-None-Match", v1.header("ETag")).get("/rankings/" + OCT + "/published?version=1").then().statusCode(304);
        String identity = given().config(io.restassured.RestAssured.config().decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders())).get("/rankings/" + OCT + "/published?version=1").then()
                .statusCode(200).header("Content-Encoding", org.hamcrest.Matchers.nullValue()).extract().asString();
        assertEquals(identity, v1.asString());
        JsonPath card = given().get("/units/U5/scorecard/" + OCT).then().extract().jsonPath();
        assertEquals(List.of(u5Correction.id()), card.getList("dimensions[0].indicators[0].eventIds"));
        assertEquals(OCT, rankingPublished(OCT, 2).data().get("period").asText());
        assertEquals("U5 政治理论学习评分更正", rankingPublished(OCT, 2).data().get("reason").asText());

        // a learning platform sends U7's October points after the lock: kept and shown as 迟报, not counted (U7's 学习强国
        // dimension stays as it was; U7 submitted nothing, so it stays 未报送 without a composite)
        float u7Ideological = given().get("/units/U7/scorecard/" + OCT).then().extract().path("dimensions[1].score");
        events.points("U7-S", "U7", "2026-10-12", 100);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/units/U7/scorecard/" + OCT).then()
                .body("lateRecords.count", equalTo(1)).body("lateRecords.notCounted", equalTo(1)).body("composite", nullValue())
                .body("dimensions[1].score", equalTo(u7Ideological)));
        given().get("/rankings/" + OCT).then().body("notSubmitted.unitCode", hasItem("U7"));
    }

    @Test
    @Order(8)
    void whatIfShowsTheUnitsThatChangeTier() {
        JsonPath result = given().contentType(ContentType.JSON)
                .body(Map.of("weights", Map.of("POLITICAL", 60, "IDEOLOGICAL", 30, "ORGANISATIONAL", 10)))
                .post("/rankings/" + OCT + "/what-if").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("U1", "U2", "U3", "U4", "U5", "U6"), result.getList("current.unitCode"));
        assertEquals(List.of("U1", "U2", "U3", "U4", "U6", "U5"), result.getList("proposed.unitCode"));
        assertEquals(List.of("U7"), result.getList("notSubmitted.unitCode"), "未报送 whatever the weights");
        assertEquals(76.5f, result.getFloat("proposed.find { it.unitCode == 'U6' }.score"));
        assertEquals(72.5f, result.getFloat("proposed.find { it.unitCode == 'U5' }.score"));
        assertEquals(List.of("U5", "U6"), result.getList("tierChanges.unitCode"));
        assertEquals(List.of("LAGGING", "MIDDLE"), result.getList("tierChanges.proposedTier"));
        // nothing stored: the live ranking is unchanged
        given().get("/rankings/" + OCT).then().body("entries.find { it.unitCode == 'U6' }.tier", equalTo("LAGGING"));

        given().contentType(ContentType.JSON).body(Map.of("weights", Map.of("POLITICAL", 70, "NOPE", 10)))
                .post("/rankings/" + OCT + "/what-if").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("weights.NOPE"));
        given().contentType(ContentType.JSON).body(Map.of("weights", Map.of("POLITICAL", 70)))
                .post("/rankings/" + OCT + "/what-if").then().statusCode(400).body("violations.field", hasItem("weights"));
        given().contentType(ContentType.JSON).body("{\"weights\": ").post("/rankings/" + OCT + "/what-if").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @Order(9)
    void bulletinExportsAsCsvAndXlsx() throws Exception {
        byte[] csv = given().get("/rankings/" + OCT + "/bulletin.csv").then().statusCode(200).extract().asByteArray();
        assertEquals((byte) 0xEF, csv[0]);
        assertEquals((byte) 0xBB, csv[1]);
        assertEquals((byte) 0xBF, csv[2]);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.contains("2026 年 10 月党建工作考评排名（第 2 版）"), text);
        assertTrue(text.contains("1,U1,县发展和改革局,103.0,1,0,先进,已报送,100.0%,0.0,3.0"), text);
        assertTrue(text.contains("\r\n,U7,县农业农村局,未报送,,,,未报送,,,\r\n"), text);

        byte[] xlsx = given().get("/rankings/" + OCT + "/bulletin.xlsx").then().statusCode(200).extract().asByteArray();
        Set<String> parts = new HashSet<>();
        String sheet = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.add(e.getName());
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(parts.containsAll(List.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")));
        assertTrue(sheet.contains("<t>县农业农村局</t>"), sheet);
        assertTrue(sheet.contains("<c r=\"D3\"><v>103.0</v></c>"), sheet);
    }

    @Test
    @Order(10)
    void earlyWarningNamesLaggingUnitsAndMembersBelowTheStudyThreshold() {
        JsonPath warned = given().post("/warnings/" + OCT + "/run").then().statusCode(200).extract().jsonPath();
        List<String> keys = warned.getList("noticeKey");
        assertEquals(Set.of("EARLY_WARNING|U6-S|2026-10", "EARLY_WARNING|U7-S|2026-10", "EARLY_WARNING|U5-L|2026-10",
                "EARLY_WARNING|U7-L|2026-10"), new HashSet<>(keys));
        // U7 is LAGGING only for having no score (NOT_SUBMITTED): its secretary is warned about their own study (0 of 5),
        // not about the unit lagging (issue 13.8); U6's secretary is, U6 being the last assessed unit
        assertEquals(Map.of("completionRate", 0.0f, "done", 0, "required", 5, "asOf", "2026-10-31", "due", 5.0f, "threshold", 0.6f),
                warned.getMap("find { it.noticeKey == 'EARLY_WARNING|U7-S|2026-10' }.facts"));
        assertEquals("按当前得分将处于后进", warned.getString("find { it.noticeKey == 'EARLY_WARNING|U6-S|2026-10' }.facts.reason"));
        Map<String, JsonNode> onTopic = noticesFor(OCT, Set.copyOf(keys));
        assertTrue(onTopic.keySet().containsAll(keys));
    }

    @Test
    @Order(11)
    void quarterAndYearArePublishedFromThePublishedMonths() {
        // a quarter waits for its three months: nothing is graded and no event goes out while December is missing
        given().post("/quarters/2026-Q4/publish").then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("months")))
                .body("violations[0].reason", equalTo("未发布的月份：2026-11、2026-12"));
        given().get("/quarters/2026-Q4").then().statusCode(404);
        String[][] mondays = {{"2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"},
                {"2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"}};
        double[][] manual = {{60, 49, 99}, {60, 49, 95}, {50, 42, 80}, {50, 42, 78}, {31, 21, 98.5}, {58, 42, 51.5}};
        for (String month : List.of("2026-11", "2026-12")) {
            for (int u = 1; u <= 6; u++) {
                for (int i = 0; i < 3; i++) {
                    events.score("U" + u, INDICATORS[i], month, manual[u - 1][i], 1);
                }
            }
            events.score("U7", "O1", month, 5, 1);
        }
        for (String[] weeks : mondays) {
            for (String monday : weeks) {
                events.study("/assessment-service", "U1-S", "U1", "WEEKLY_STUDY", monday);
                events.study("/assessment-service", "U1-L", "U1", "WEEKLY_STUDY", monday);
            }
        }
        for (String month : List.of("2026-11", "2026-12")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(90.7f, 73.5f, 62.0f, 61.4f, 56.65f, 50.95f, 1.5f),
                    given().get("/rankings/" + month).then().extract().jsonPath().getList("entries.score")));
            lockedAndPublished(month).then().statusCode(200);
            if (month.equals("2026-11")) {
                given().post("/quarters/2026-Q4/publish").then().statusCode(409).body("violations[0].reason", equalTo("未发布的月份：2026-12"));
            }
        }
        // 07:30 on 1 January 2027 in Beijing, still 2026 in UTC
        clock.set(Instant.parse("2026-12-31T23:30:00Z"));
        JsonPath q;
        try {
            q = given().post("/quarters/2026-Q4/publish").then().statusCode(200).extract().jsonPath();
        } finally {
            clock.reset();
        }
        assertEquals(List.of("U1", "U2", "U3", "U4", "U5", "U6", "U7"), q.getList("grades.grades.unitCode"));
        assertEquals(List.of("2026-10", "2026-11", "2026-12"), q.getList("grades.months"));
        assertEquals(List.of("EXCELLENT", "GOOD", "FAIR", "FAIR", "POOR", "FAIR", "POOR"), q.getList("grades.grades.grade"));
        assertEquals(List.of(94.8f, 80.17f, 70.33f, 69.93f, 59.8f, 60.27f, 1.0f), q.getList("grades.grades.meanScore"),
                "U7's October (未报送) counts 0");
        given().get("/quarters/2026-Q4").then().statusCode(200).body("find { it.unitCode == 'U7' }.label", equalTo("差"))
                .body("months", everyItem(equalTo(3)));
        Map<String, JsonNode> notices = noticesFor("2026-Q4", Set.of("INTERVIEW|U5-L|2026-Q4", "INTERVIEW|U7-L|2026-Q4"));
        assertTrue(notices.containsKey("INTERVIEW|U7-L|2026-Q4"));
        assertEquals("2027-01-31", notices.get("INTERVIEW|U7-L|2026-Q4").get("deadline").asText(), "1 January + 30 days, in Asia/Shanghai");
        given().post("/quarters/2026-Q1/publish").then().statusCode(409).contentType("application/problem+json");

        given().contentType(ContentType.JSON).body(Map.of("score", 90)).put("/years/2026/debriefs/U1").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("score", 95)).put("/years/2026/debriefs/U2").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("score", 80)).put("/years/2026/debriefs/U3").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("score", 101)).put("/years/2026/debriefs/U3").then().statusCode(400)
                .body("violations.field", hasItem("score"));
        given().contentType(ContentType.JSON).body(Map.of("score", 50)).put("/years/2026/debriefs/NOPE").then().statusCode(404);
        // a year waits for its twelve months, then for a debrief score of every unit (a missing one is not counted as 0)
        given().post("/years/2026/publish").then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("months")))
                .body("violations[0].reason", equalTo("未发布的月份：2026-01、2026-02、2026-03、2026-04、2026-05、2026-06、2026-07、2026-08"));
        for (int m = 1; m <= 8; m++) {
            lockedAndPublished("2026-0" + m).then().statusCode(200);
        }
        given().post("/years/2026/publish").then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("debrief")))
                .body("violations[0].reason", equalTo("无述职评议得分的单位：U4 县卫生健康局、U5 县自然资源局、U6 县住房和城乡建设局、U7 县农业农村局"));
        given().get("/years/2026").then().statusCode(404);
        Map<String, Integer> debriefs = Map.of("U4", 85, "U5", 90, "U6", 75, "U7", 60);
        debriefs.forEach((unit, score) -> given().contentType(ContentType.JSON).body(Map.of("score", score))
                .put("/years/2026/debriefs/" + unit).then().statusCode(200));
        JsonPath year = given().post("/years/2026/publish").then().statusCode(200).extract().jsonPath();
        assertEquals(12, year.getList("months").size());
        assertEquals(List.of("U1", "U2", "U4", "U5", "U3", "U6", "U7"), year.getList("results.unitCode"));
        assertEquals(List.of(30.2f, 26.0f, 22.9f, 20.2f, 23.0f, 18.9f, 4.25f), year.getList("results.meanMonthlyScore"));
        assertEquals(List.of(48.14f, 46.7f, 41.53f, 41.14f, 40.1f, 35.73f, 20.98f), year.getList("results.annualScore"));
        assertEquals(List.of(true, true, true, false, false, false, false), year.getList("results.excellent"));
        assertTrue(TopicProbe.events(bootstrap, Topics.REPORTING, EventTypes.ANNUAL_RESULTS_PUBLISHED, 1, Duration.ofSeconds(30)).size() >= 1);
    }

    @Test
    @Order(12)
    void replayRebuildsTheSameRankings() {
        String octBefore = given().get("/rankings/" + OCT).then().extract().body().asString();
        String sepBefore = given().get("/rankings/" + SEP).then().extract().body().asString();
        String cardBefore = given().get("/units/U5/scorecard/" + OCT).then().extract().body().asString();
        // U7's card lists a record received while October was locked: a replay must find it late again (stored times)
        String lateCardBefore = given().get("/units/U7/scorecard/" + OCT).then().extract().body().asString();
        given().post("/admin/replay").then().statusCode(202).body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/admin/replay").then().body("state", equalTo("DONE")));
        assertTrue(given().get("/admin/replay").then().extract().jsonPath().getInt("skipped") >= 5, "poison events are skipped again");
        assertEquals(octBefore, given().get("/rankings/" + OCT).then().extract().body().asString());
        assertEquals(sepBefore, given().get("/rankings/" + SEP).then().extract().body().asString());
        assertEquals(cardBefore, given().get("/units/U5/scorecard/" + OCT).then().extract().body().asString());
        assertEquals(lateCardBefore, given().get("/units/U7/scorecard/" + OCT).then().extract().body().asString());
        given().get("/rankings/" + OCT + "/history").then().body("version", equalTo(List.of(1, 2)));
        // the consumer runs again afterwards (October is locked: the new points are kept as a second late record, and
        // U7 stays at 9; before frozen months they counted at once and U7 went to 12)
        events.points("U7-S", "U7", "2026-10-11", 100);
        // (U7 is 未报送 in October: its scorecard has no composite, before and after)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/units/U7/scorecard/" + OCT).then()
                .body("lateRecords.count", equalTo(2)).body("lateRecords.notCounted", equalTo(2)).body("composite", nullValue()));
    }

    @Test
    @Order(13)
    void trendFollowsTheMonths() {
        given().get("/units/U6/trend?from=2026-09&to=2026-10").then().statusCode(200)
                .body("period", equalTo(List.of(SEP, OCT)))
                .body("score", equalTo(List.of(46.0f, 67.5f)))
                .body("published", equalTo(List.of(true, true)));
        // without 'to' the trend ends at the current month of the county: 1 October in Beijing is still 30 September in UTC
        clock.set(Instant.parse("2026-09-30T16:30:00Z"));
        try {
            given().get("/units/U6/trend?from=2026-09").then().statusCode(200).body("period", equalTo(List.of(SEP, OCT)));
        } finally {
            clock.reset();
        }
    }

    @Test
    @Order(14)
    void dashboardIsServedInChinese() {
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("县直机关党建工作考评"))
                // the workbench's scripts (WorkbenchServingTest checks what they and the config serve)
                .body(org.hamcrest.Matchers.containsString("workbench/"));
    }

    /**
     * Frozen months: assessment-service locks the month (period.locked on the broker), then the month is published; the
     * publication is retried (409) until the ingest has applied the lock (and the reopen before it).
     */
    private io.restassured.response.Response lockedAndPublished(String month) {
        events.periodLocked(month);
        io.restassured.response.Response[] last = new io.restassured.response.Response[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last[0] = given().post("/rankings/" + month + "/publish");
            assertEquals(200, last[0].statusCode(), last[0].asString());
        });
        return last[0];
    }

    /**
     * The ranking.published event of a month's version, read until it arrives (other test classes publish other months
     * on the same topic, so the first events of the topic need not be this class's).
     */
    private CloudEvent rankingPublished(String period, int version) {
        java.util.function.Predicate<CloudEvent> wanted = e -> e != null && EventTypes.RANKING_PUBLISHED.equals(e.type())
                && period.equals(e.data().get("period").asText()) && e.data().get("version").asInt() == version;
        return TopicProbe.readUntil(bootstrap, Topics.REPORTING, Duration.ofSeconds(30), seen -> seen.stream().map(TopicProbe::parseOrNull).anyMatch(wanted))
                .stream().map(TopicProbe::parseOrNull).filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("no ranking.published of " + period + " version " + version));
    }

    private Map<String, JsonNode> noticesFor(String period, Set<String> atLeast) {
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(30), seen -> {
            Set<String> keys = new HashSet<>();
            for (ConsumerRecord<String, byte[]> r : seen) {
                CloudEvent e = TopicProbe.parseOrNull(r);
                if (e != null) {
                    keys.add(e.data().get("noticeKey").asText());
                }
            }
            return keys.containsAll(atLeast);
        });
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent e = TopicProbe.parseOrNull(r);
            if (e != null && EventTypes.NOTICE_REQUESTED.equals(e.type()) && period.equals(e.data().get("period").asText())) {
                byKey.put(e.data().get("noticeKey").asText(), e.data());
            }
        }
        return byKey;
    }

    private static List<String> diff(Set<String> expected, Set<String> actual) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
