package cn.partybuilding.reporting.ranking;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.support.CountyCleanup;
import cn.partybuilding.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.6 through the broker (year 2047, unit EF1, removed afterwards): a failed exam is followed up when its result
 * arrives. Unit EF1: organs committee EF1-ORG with the unit secretary EF1-S, branch EF1-B1 (under EF1-ORG) with its
 * secretary EF1-B and the members EF1-M and EF1-N.
 * <pre>
 *   EF1-M fails 2047-H1 (20 March, 45)          → 教育提醒 to EF1-M and to the branch secretary EF1-B
 *   EF1-M fails 2047-H2 (20 September, 50)      → 诫勉谈话 to EF1-M and to the unit secretary EF1-S (no second 教育提醒)
 *   October locked, then EF1-N fails 2047-10 (15 October, 30): a result into a frozen month → 教育提醒 all the same
 *   every event sent again (same ids)           → nothing requested again
 *   March scored, locked and published          → no exam notice with the month
 * </pre>
 */
// named to run after RankingScenarioTest and ReplayWhileLiveTest (see ThroughIngestBranchRankingTest)
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ThroughIngestExamFollowUpTest extends WithEventFixtures {
    @Inject
    AgroalDataSource dataSource;

    @AfterAll
    void close() throws Exception {
        CountyCleanup.remove(dataSource, "EF", 2047);
    }

    @Test
    void aFailedExamIsFollowedUpAtOnceOnceAndNotAgainWithTheMonth() {
        events.unit("EF1", "县退役军人事务局");
        events.organization("EF1-ORG", "EF1");
        events.send(Topics.ORGANISATION, "/assessment-service", EventTypes.ORGANIZATION_REGISTERED, "EF1",
                map("organizationId", "EF1-B1", "unitCode", "EF1", "parentId", "EF1-ORG", "kind", "BRANCH", "name", "第一党支部"));
        events.member("EF1-S", "EF1", "EF1-ORG", "王书记", "SECRETARY");
        events.member("EF1-B", "EF1", "EF1-B1", "李支书", "SECRETARY");
        events.member("EF1-M", "EF1", "EF1-B1", "张三", "MEMBER");
        events.member("EF1-N", "EF1", "EF1-B1", "赵四", "MEMBER");

        events.exam("EF1-M", "EF1", "2047-H1", "2047-03-20", 45);
        Map<String, JsonNode> first = requests(Set.of("EDUCATION_REMINDER|EF1-M|2047-H1/EF1-M", "EDUCATION_REMINDER|EF1-B|2047-H1/EF1-M"));
        JsonNode toMember = first.get("EDUCATION_REMINDER|EF1-M|2047-H1/EF1-M");
        assertEquals("MEMBER", toMember.get("recipient").get("kind").asText());
        assertEquals("张三", toMember.get("facts").get("memberName").asText());
        assertEquals(45.0, toMember.get("facts").get("examScore").asDouble());
        JsonNode toBranch = first.get("EDUCATION_REMINDER|EF1-B|2047-H1/EF1-M");
        assertEquals("BRANCH_SECRETARY", toBranch.get("recipient").get("kind").asText());
        assertEquals("EF1-M", toBranch.get("facts").get("members").get(0).get("memberId").asText());

        events.exam("EF1-M", "EF1", "2047-H2", "2047-09-20", 50);
        Map<String, JsonNode> second = requests(Set.of("ADMONISHMENT_TALK|EF1-M|2047-H2/EF1-M", "ADMONISHMENT_TALK|EF1-S|2047-H2/EF1-M"));
        assertEquals("UNIT_SECRETARY", second.get("ADMONISHMENT_TALK|EF1-S|2047-H2/EF1-M").get("recipient").get("kind").asText());
        assertEquals(45.0, second.get("ADMONISHMENT_TALK|EF1-M|2047-H2/EF1-M").get("facts").get("previousExamScore").asDouble());

        events.periodLocked("2047-10");
        events.exam("EF1-N", "EF1", "2047-10", "2047-10-15", 30);
        requests(Set.of("EDUCATION_REMINDER|EF1-N|2047-10/EF1-N", "EDUCATION_REMINDER|EF1-B|2047-10/EF1-N"));

        // everything again with the same ids, then a marker (same unit, so the same partition: read after the repeats)
        events.redeliverAll();
        events.member("EF1-X", "EF1", "EF1-B1", "钱五", "MEMBER");
        events.exam("EF1-X", "EF1", "2047-H2", "2047-09-20", 20);
        List<String> keys = allKeys(Set.of("EDUCATION_REMINDER|EF1-X|2047-H2/EF1-X"));
        List<String> exam = keys.stream().filter(k -> k.contains("|2047-")).sorted().toList();
        assertEquals(List.of(
                "ADMONISHMENT_TALK|EF1-M|2047-H2/EF1-M", "ADMONISHMENT_TALK|EF1-S|2047-H2/EF1-M",
                "EDUCATION_REMINDER|EF1-B|2047-10/EF1-N", "EDUCATION_REMINDER|EF1-B|2047-H1/EF1-M", "EDUCATION_REMINDER|EF1-B|2047-H2/EF1-X",
                "EDUCATION_REMINDER|EF1-M|2047-H1/EF1-M", "EDUCATION_REMINDER|EF1-N|2047-10/EF1-N", "EDUCATION_REMINDER|EF1-X|2047-H2/EF1-X"),
                exam, "one request per notice: the redelivered results asked for nothing");

        // the month's publication sends the ranking's notices, not the exam's again
        Map<String, Object> system = new java.util.LinkedHashMap<>(RankingScenarioTest.indicatorSystem());
        system.put("year", 2047);
        events.system(system);
        for (String indicator : RankingScenarioTest.INDICATORS) {
            events.score("EF1", indicator, "2047-03", 50, 1);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/rankings/2047-03").then().statusCode(200)
                .body("entries.unitCode", org.hamcrest.Matchers.equalTo(List.of("EF1"))));
        events.periodLocked("2047-03");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().post("/rankings/2047-03/publish").then().statusCode(200));
        List<String> afterPublication = allKeys(Set.of("MONTHLY_BULLETIN|ALL_UNITS|2047-03"));
        List<String> monthNotices = afterPublication.stream().filter(k -> k.endsWith("|2047-03")).toList();
        assertTrue(monthNotices.stream().noneMatch(k -> k.startsWith("EDUCATION_REMINDER|") || k.startsWith("ADMONISHMENT_TALK|")), monthNotices::toString);
        assertEquals(exam, afterPublication.stream().filter(k -> k.contains("|2047-") && !k.endsWith("|2047-03")).sorted().toList(),
                "no exam notice requested again");
    }

    /** The notice requests with these keys, read from the broker once all of them arrived. */
    private Map<String, JsonNode> requests(Set<String> keys) {
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readUntil(keys)) {
            CloudEvent e = TopicProbe.parseOrNull(r);
            if (e != null && EventTypes.NOTICE_REQUESTED.equals(e.type()) && keys.contains(e.data().get("noticeKey").asText())) {
                byKey.put(e.data().get("noticeKey").asText(), e.data());
            }
        }
        assertEquals(keys, byKey.keySet());
        return byKey;
    }

    /** Every notice key of unit EF1 requested so far, once per request (a repeat would show twice). */
    private List<String> allKeys(Set<String> until) {
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : readUntil(until)) {
            CloudEvent e = TopicProbe.parseOrNull(r);
            if (e != null && EventTypes.NOTICE_REQUESTED.equals(e.type()) && "EF1".equals(e.data().path("unitCode").asText())) {
                keys.add(e.data().get("noticeKey").asText());
            }
        }
        return keys;
    }

    private List<ConsumerRecord<String, byte[]>> readUntil(Set<String> keys) {
        return TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(60), seen -> {
            Set<String> found = new java.util.HashSet<>();
            for (ConsumerRecord<String, byte[]> r : seen) {
                CloudEvent e = TopicProbe.parseOrNull(r);
                if (e != null && e.data() != null && e.data().has("noticeKey")) {
                    found.add(e.data().get("noticeKey").asText());
                }
            }
            return found.containsAll(keys);
        });
    }
}
