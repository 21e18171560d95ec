package cn.partybuilding.reporting.ranking;

import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16.1 through the broker, in a year of its own (2049): a meeting's attendance arrives as study.completed (with the
 * meeting's id) and counts like any completion; a revision's study.withdrawn takes a completion out of the count; the
 * meeting events themselves change no figure and are not dead-lettered; a completion withdrawn and sent again in one
 * poll counts again; the drill-down names the meeting a completion came from. Named ThroughIngest… so that it runs after RankingScenarioTest, whose county is every unit registered
 * (its unit MT stays in the database).
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ThroughIngestMeetingAttendanceTest extends WithEventFixtures {
    static Map<String, Object> system2049() {
        return EventFixtures.oneStudyItemSystem(2049, "组织生活会参加率", "ORGANISATION_LIFE_MEETING", "MONTHLY");
    }

    private void completion(String member, String meetingId) {
        events.send(Topics.STUDY, "/assessment-service", EventTypes.STUDY_COMPLETED, "MT", map("memberId", member, "unitCode", "MT",
                "activityType", "ORGANISATION_LIFE_MEETING", "date", "2049-03-20", "minutes", 120, "meetingId", meetingId));
    }

    private void withdrawal(String member, String meetingId) {
        events.send(Topics.STUDY, "/assessment-service", EventTypes.STUDY_WITHDRAWN, "MT", map("memberId", member, "unitCode", "MT",
                "activityType", "ORGANISATION_LIFE_MEETING", "date", "2049-03-20", "meetingId", meetingId));
    }

    private Map<String, Object> meeting(int revision, List<String> attendees) {
        return map("meetingId", "MT-1", "revision", revision, "unitCode", "MT", "organizationId", "MT-ORG", "kind", "ORGANISATION_LIFE_MEETING",
                "date", "2049-03-20", "topic", "年度组织生活会", "attendees", attendees, "absentees", List.of());
    }

    private void basisIs(String expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath card = given().get("/units/MT/scorecard/2049-03").then().statusCode(200).extract().jsonPath();
            assertEquals(expected, card.getString("dimensions[0].indicators[1].basis"));
        });
    }

    @Test
    void attendanceCountsAndAWithdrawalTakesItOut() {
        events.unit("MT", "县审计局");
        events.organization("MT-ORG", "MT");
        events.member("MT-S", "MT", "MT-ORG", "MT 书记", "SECRETARY");
        events.member("MT-A", "MT", "MT-ORG", "MT 党员甲", "MEMBER");
        events.member("MT-B", "MT", "MT-ORG", "MT 党员乙", "MEMBER");
        events.system(system2049());
        events.score("MT", "P1", "2049-03", 50, 1);

        events.send(Topics.STUDY, "/assessment-service", EventTypes.MEETING_RECORDED, "MT", meeting(1, List.of("MT-S", "MT-A", "MT-B")));
        completion("MT-S", "MT-1");
        completion("MT-A", "MT-1");
        completion("MT-B", "MT-1");
        basisIs("完成 3/3");
        // the drill-down names the meeting each completion is the attendance of, and its kind
        JsonPath card = given().get("/units/MT/scorecard/2049-03").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("MT-1", "MT-1", "MT-1"), card.getList("dimensions[0].indicators[1].evidence.meetingId"));
        assertEquals("组织生活会 完成：MT 党员甲 2049-03-20（出席会议 MT-1）",
                card.getString("dimensions[0].indicators[1].evidence.find { it.by == 'MT 党员甲（MT-A）' }.what"));
        // a completion recorded on its own names no meeting
        events.member("MT-C", "MT", "MT-ORG", "MT 党员丙", "MEMBER");
        events.send(Topics.STUDY, "/assessment-service", EventTypes.STUDY_COMPLETED, "MT", map("memberId", "MT-C", "unitCode", "MT",
                "activityType", "ORGANISATION_LIFE_MEETING", "date", "2049-03-21"));
        basisIs("完成 4/4");
        JsonPath withOwn = given().get("/units/MT/scorecard/2049-03").then().statusCode(200).extract().jsonPath();
        assertEquals(null, withOwn.getString("dimensions[0].indicators[1].evidence.find { it.by == 'MT 党员丙（MT-C）' }.meetingId"));
        assertEquals("组织生活会 完成：MT 党员丙 2049-03-21",
                withOwn.getString("dimensions[0].indicators[1].evidence.find { it.by == 'MT 党员丙（MT-C）' }.what"));

        // the revision: MT-B did not attend after all
        events.send(Topics.STUDY, "/assessment-service", EventTypes.MEETING_REVISED, "MT", meeting(2, List.of("MT-S", "MT-A")));
        withdrawal("MT-B", "MT-1");
        basisIs("完成 3/4");

        // withdrawn and sent again (revision 3 and 4 in quick succession): the last one decides
        withdrawal("MT-A", "MT-1");
        completion("MT-A", "MT-1");
        completion("MT-B", "MT-1");
        withdrawal("MT-B", "MT-1");
        completion("MT-B", "MT-1");
        basisIs("完成 4/4");

        String dlt = Topics.deadLetter(Topics.STUDY, "reporting-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(5), seen -> false).stream()
                .filter(r -> "MT".equals(r.key())).toList();
        assertEquals(List.of(), dead.stream().map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).toList(),
                "meeting and withdrawal events are read, not dead-lettered");
    }
}
