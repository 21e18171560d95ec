package cn.partybuilding.reporting.ranking;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.support.CountyCleanup;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.2 through the broker (year 2048, units BR1 and BR2, removed afterwards): the quarterly branch ranking, hand
 * computed. Study plan: MONTHLY_DISCUSSION monthly for all members (each branch member: 1 a month, 3 in the quarter).
 * Meeting slots (defaults): BRANCH_COMMITTEE, GROUP_MEETING, THEME_DAY each month (9) + BRANCH_ASSEMBLY, PARTY_LECTURE once
 * in the quarter (2) = 11. Weights 40 / 40 / 20; tiers 20 % / 10 %.
 * <pre>
 *   branch  members            meetings held                          study  exams  score
 *   BR1-A   S, M               all 11                                 6/6    2/2    100
 *   BR2-A   S, M (in group G)  committee ×3, theme day ×3, group ×3 (by M, counted through its 党小组) = 9/11 = 0.8182
 *                                                                     6/6    —      (32.728 + 40) / 80 = 90.91
 *   BR1-C   S, M               committee ×3, theme day ×3 = 6/11 = 0.5455   6/6    2/2    21.82 + 40 + 20 = 81.82
 *   BR2-B   S, M               6/11                                   3/6    2/2    21.82 + 20 + 20 = 61.82
 *   BR1-B   S, M               committee ×3, theme day January = 4/11 = 0.3636   3/6    1/2    14.544 + 20 + 10 = 44.54
 *   BR2-E   (no members)       nothing to measure: listed, not ranked
 *   5 ranked: 先进支部 floor(1.0) = 1 → BR1-A; 后进支部 ceil(0.5) = 1 → BR1-B (its secretary BR1-B-S gets a BRANCH_RECTIFICATION)
 * </pre>
 */
// named to run after RankingScenarioTest and ReplayWhileLiveTest: their replays read every record of the topics and compare
// with the rankings before, which must not see this county come back after its removal
@QuarkusTest
class ThroughIngestBranchRankingTest extends WithEventFixtures {
    static final String QUARTER = "2048-Q1";
    static final String[] MONTHS = {"2048-01", "2048-02", "2048-03"};

    @Inject
    AgroalDataSource dataSource;

    @AfterAll
    void close() throws Exception {
        CountyCleanup.remove(dataSource, "BR", 2048);
    }

    private void branch(String id, String unit, String parent, String kind, String name) {
        events.send(Topics.ORGANISATION, "/assessment-service", EventTypes.ORGANIZATION_REGISTERED, unit,
                map("organizationId", id, "unitCode", unit, "parentId", parent, "kind", kind, "name", name));
    }

    private void meetings(String member, String unit, String... types) {
        for (String type : types) {
            for (String month : MONTHS) {
                events.study("/assessment-service", member, unit, type, month + "-05");
            }
        }
    }

    @Test
    void theQuarterRanksTheBranchesWithTiersAndTheLaggingSecretaryIsNotified() {
        for (String unit : List.of("BR1", "BR2")) {
            events.unitWithSecretaryAndLeader(unit, unit.equals("BR1") ? "县司法局" : "县审计局");
        }
        branch("BR1-A", "BR1", "BR1-ORG", "BRANCH", "第一党支部");
        branch("BR1-B", "BR1", "BR1-ORG", "BRANCH", "第二党支部");
        branch("BR1-C", "BR1", "BR1-ORG", "BRANCH", "第三党支部");
        branch("BR2-A", "BR2", "BR2-ORG", "BRANCH", "第一党支部");
        branch("BR2-A-G", "BR2", "BR2-A", "GROUP", "第一党小组");
        branch("BR2-B", "BR2", "BR2-ORG", "BRANCH", "第二党支部");
        branch("BR2-E", "BR2", "BR2-ORG", "BRANCH", "第三党支部");
        for (String b : List.of("BR1-A", "BR1-B", "BR1-C", "BR2-A", "BR2-B")) {
            String unit = b.substring(0, 3);
            events.member(b + "-S", unit, b, b + " 支部书记", "SECRETARY");
            events.member(b + "-M", unit, b.equals("BR2-A") ? "BR2-A-G" : b, b + " 党员", "MEMBER");
        }
        Map<String, Object> system = new java.util.LinkedHashMap<>(RankingScenarioTest.indicatorSystem());
        system.put("year", 2048);
        system.put("studyPlan", List.of(map("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS")));
        events.system(system);

        meetings("BR1-A-S", "BR1", "BRANCH_COMMITTEE", "GROUP_MEETING", "THEME_DAY");
        events.study("/assessment-service", "BR1-A-S", "BR1", "BRANCH_ASSEMBLY", "2048-02-20");
        events.study("/assessment-service", "BR1-A-S", "BR1", "PARTY_LECTURE", "2048-02-20");
        meetings("BR2-A-S", "BR2", "BRANCH_COMMITTEE", "THEME_DAY");
        meetings("BR2-A-M", "BR2", "GROUP_MEETING");
        meetings("BR1-C-S", "BR1", "BRANCH_COMMITTEE", "THEME_DAY");
        meetings("BR2-B-S", "BR2", "BRANCH_COMMITTEE", "THEME_DAY");
        meetings("BR1-B-S", "BR1", "BRANCH_COMMITTEE");
        events.study("/assessment-service", "BR1-B-S", "BR1", "THEME_DAY", "2048-01-05");
        for (String b : List.of("BR1-A", "BR2-A", "BR1-C", "BR2-B", "BR1-B")) {
            String unit = b.substring(0, 3);
            meetings(b + "-S", unit, "MONTHLY_DISCUSSION");
            if (List.of("BR1-A", "BR2-A", "BR1-C").contains(b)) {
                meetings(b + "-M", unit, "MONTHLY_DISCUSSION");
            }
            if (!b.equals("BR2-A")) {
                events.exam(b + "-S", unit, "2048-Q1-theory", "2048-03-10", 80);
                events.exam(b + "-M", unit, "2048-Q1-theory", "2048-03-10", b.equals("BR1-B") ? 40 : 70);
            }
        }
        for (String month : MONTHS) {
            for (String unit : List.of("BR1", "BR2")) {
                for (String indicator : RankingScenarioTest.INDICATORS) {
                    events.score(unit, indicator, month, 60, 1);
                }
            }
        }

        String admin = TestTokens.admin();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().auth().oauth2(admin).get("/branches/" + QUARTER).then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("entries.findAll { it.unitCode.startsWith('BR') }.branchId", equalTo(List.of("BR1-A", "BR2-A", "BR1-C", "BR2-B", "BR1-B", "BR2-E")))
                .body("entries.findAll { it.unitCode.startsWith('BR') }.score", equalTo(java.util.Arrays.asList(100.0f, 90.91f, 81.82f, 61.82f, 44.54f, null))));
        JsonPath live = given().auth().oauth2(admin).get("/branches/" + QUARTER).then().extract().jsonPath();
        assertEquals(List.of("ADVANCED", "MIDDLE", "MIDDLE", "MIDDLE", "LAGGING"), live.getList("entries.findAll { it.unitCode.startsWith('BR') && it.rank != null }.tier"));
        assertEquals(List.of("先进支部", "中间支部", "中间支部", "中间支部", "后进支部", "无考核数据"),
                live.getList("entries.findAll { it.unitCode.startsWith('BR') }.tierLabel"));
        assertEquals("4/11", live.getString("entries.find { it.branchId == 'BR1-B' }.meetings"));
        assertEquals(0.3636f, live.getFloat("entries.find { it.branchId == 'BR1-B' }.meetingRegularity"));
        assertEquals("3/6", live.getString("entries.find { it.branchId == 'BR1-B' }.study"));
        assertEquals("1/2", live.getString("entries.find { it.branchId == 'BR1-B' }.exams"));
        assertEquals("9/11", live.getString("entries.find { it.branchId == 'BR2-A' }.meetings"), "the 党小组's meeting counts for its branch");
        assertEquals("BR1-B-S", live.getString("entries.find { it.branchId == 'BR1-B' }.secretaryId"));

        // the unit card: its own branches; a secretary sees their own unit's, another unit's card is a 404
        given().auth().oauth2(TestTokens.secretary("BR1")).get("/units/BR1/branches/" + QUARTER).then().statusCode(200)
                .body("entries.branchId", equalTo(List.of("BR1-A", "BR1-C", "BR1-B")))
                .body("entries.rank", equalTo(List.of(1, 3, 5)));
        given().auth().oauth2(TestTokens.secretary("BR1")).get("/units/BR2/branches/" + QUARTER).then().statusCode(404);
        given().auth().oauth2(admin).get("/units/NO-SUCH/branches/" + QUARTER).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.secretary("BR1")).get("/branches/" + QUARTER).then().statusCode(200)
                .body("entries.unitCode.unique()", equalTo(List.of("BR1")));
        given().auth().oauth2(admin).get("/branches/2048-Q5").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("quarter"));

        // published with the quarter: frozen, the event, the notice
        for (String month : MONTHS) {
            events.periodLocked(month);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(admin).post("/rankings/" + month + "/publish").then().statusCode(200));
        }
        given().auth().oauth2(admin).post("/quarters/" + QUARTER + "/publish").then().statusCode(200);
        given().auth().oauth2(admin).get("/branches/" + QUARTER).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("version", equalTo(1))
                .body("entries.find { it.branchId == 'BR1-B' }.tier", equalTo("LAGGING"));

        CloudEvent published = read(e -> EventTypes.BRANCH_RANKING_PUBLISHED.equals(e.type()) && QUARTER.equals(e.data().path("quarter").asText()),
                Topics.REPORTING);
        JsonNode entries = published.data().get("entries");
        List<String> tiers = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (e.get("unitCode").asText().startsWith("BR") && !e.get("tier").isNull()) {
                tiers.add(e.get("branchId").asText() + ":" + e.get("tier").asText());
            }
        });
        assertEquals(List.of("BR1-A:ADVANCED", "BR2-A:MIDDLE", "BR1-C:MIDDLE", "BR2-B:MIDDLE", "BR1-B:LAGGING"), tiers);
        CloudEvent notice = read(e -> EventTypes.NOTICE_REQUESTED.equals(e.type())
                && "BRANCH_RECTIFICATION|BR1-B-S|2048-Q1/BR1-B".equals(e.data().path("noticeKey").asText()), Topics.NOTICE_REQUESTS);
        assertEquals("BRANCH_SECRETARY", notice.data().get("recipient").get("kind").asText());
        assertEquals("第二党支部", notice.data().get("facts").get("branchName").asText());
        assertEquals(44.54, notice.data().get("facts").get("score").asDouble());
        assertTrue(notice.data().hasNonNull("deadline"));
    }

    private CloudEvent read(java.util.function.Predicate<CloudEvent> wanted, String topic) {
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(60),
                seen -> seen.stream().map(TopicProbe::parseOrNull).anyMatch(e -> e != null && wanted.test(e)));
        return records.stream().map(TopicProbe::parseOrNull).filter(e -> e != null && wanted.test(e)).findFirst().orElseThrow();
    }
}
