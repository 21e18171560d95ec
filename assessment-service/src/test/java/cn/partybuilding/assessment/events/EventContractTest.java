package cn.partybuilding.assessment.events;

import cn.partybuilding.assessment.rectification.RectificationService;
import cn.partybuilding.assessment.rectification.RectificationStatusJob;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event type the service publishes arrives on its topic through the real broker, shaped as asyncapi.yaml says. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class EventContractTest {
    private static final int YEAR = 2020;
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RectificationStatusJob job;

    @Inject
    RectificationService rectification;

    @Test
    void everyEventTypeArrivesOnItsTopicWithTheDocumentedSchema() {
        Fixtures.defineSystem(YEAR);
        Fixtures.Unit unit = Fixtures.unitWithMembers("县委统战部", 3);
        String member = unit.memberIds().get(1);
        Fixtures.put("/members/" + member, Map.of("unitCode", unit.code(), "organizationId", unit.branchId(), "name", "改名党员",
                "rank", "DEPUTY_DIVISION_OR_ABOVE", "role", "COMMITTEE_MEMBER", "email", "a@example.cn")).statusCode(200);
        String assessmentId = Fixtures.score(unit.code(), "P1", YEAR + "-02", 55).statusCode(201).extract().path("assessmentId");
        post("/assessments/" + assessmentId + "/corrections", Map.of("score", 50, "reason", "复核", "assessor", "复核组")).statusCode(201);
        String closeMe = post("/findings", Map.of("unitCode", unit.code(), "period", YEAR + "-02", "deductionPoints", 1.5, "source", "督查",
                "description", "谈心谈话记录缺失", "deadline", LocalDate.now().plusDays(5).toString())).statusCode(201).extract().path("rectificationItemId");
        // 销号 in two steps: submitted (the unit, here through the service), returned, submitted again, confirmed
        rectification.submit(closeMe, new RectificationService.SubmitRequest("已补齐", null), u -> true, "secretary");
        post("/rectification-items/" + closeMe + "/return", Map.of("reason", "缺签到表")).statusCode(200);
        rectification.submit(closeMe, new RectificationService.SubmitRequest("已补齐签到表", null), u -> true, "secretary");
        post("/rectification-items/" + closeMe + "/confirm", Map.of()).statusCode(200);
        post("/findings", Map.of("unitCode", unit.code(), "period", YEAR + "-02", "deductionPoints", 1, "source", "巡察",
                "description", "主题党日未开展", "deadline", LocalDate.now().plusDays(1).toString())).statusCode(201);
        // due on the day the job runs: the 整改提醒
        post("/findings", Map.of("unitCode", unit.code(), "period", YEAR + "-02", "deductionPoints", 1, "source", "巡察",
                "description", "组织生活会准备不充分", "deadline", LocalDate.now().plusDays(2).toString())).statusCode(201);
        job.run(LocalDate.now().plusDays(2));
        post("/bonuses", Map.of("unitCode", unit.code(), "period", YEAR + "-02", "points", 1, "reason", "表彰")).statusCode(201);
        post("/periods/" + YEAR + "-02/lock", Map.of("by", "工委")).statusCode(200);
        post("/periods/" + YEAR + "-02/reopen", Map.of("reason", "更正", "by", "工委")).statusCode(200);
        post("/study/completions", Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", YEAR + "-03-02", "minutes", 60)).statusCode(201);
        post("/study/exam-results", Map.of("memberId", member, "examId", YEAR + "-H1", "date", YEAR + "-03-03", "score", 75)).statusCode(201);
        post("/study/platform-points", Map.of("memberId", member, "date", YEAR + "-03-04", "points", 35)).statusCode(201);
        // a meeting: recorded with two attendees (two completions), revised with one of them absent (one withdrawal)
        List<String> ids = unit.memberIds();
        String meetingId = post("/meetings", Map.of("organizationId", unit.branchId(), "kind", "ORGANISATION_LIFE_MEETING", "date", YEAR + "-03-20",
                "topic", "年度组织生活会", "durationMinutes", 120, "minutes", "会议记录正文", "attendees", List.of(ids.get(0), ids.get(2)),
                "absentees", List.of(Map.of("memberId", ids.get(1), "reason", "出差"))))
                .statusCode(201).extract().path("meetingId");
        Fixtures.put("/meetings/" + meetingId, Map.of("organizationId", unit.branchId(), "kind", "ORGANISATION_LIFE_MEETING", "date", YEAR + "-03-20",
                "topic", "年度组织生活会", "attendees", List.of(ids.get(0)),
                "absentees", List.of(Map.of("memberId", ids.get(1), "reason", "出差"), Map.of("memberId", ids.get(2), "reason", "病假"))))
                .statusCode(200);
        String duty = post("/responsibility-items", Map.of("unitCode", unit.code(), "year", YEAR, "level", "BRANCH", "organizationId", unit.branchId(),
                "dutyKind", "IMPLEMENTATION", "responsibleMemberId", member, "content", "推进支部标准化建设", "dueDate", YEAR + "-06-30"))
                .statusCode(201).extract().path("itemId");
        Fixtures.put("/responsibility-items/" + duty, Map.of("dutyKind", "IMPLEMENTATION", "responsibleMemberId", member,
                "content", "推进支部标准化规范化建设", "dueDate", YEAR + "-06-30")).statusCode(200);
        post("/responsibility-items/" + duty + "/check-off", Map.of("evidence", "支部达标验收表", "doneOn", YEAR + "-06-20")).statusCode(200);

        Map<String, Integer> expected = new HashMap<>();
        for (String type : List.of(EventTypes.UNIT_REGISTERED, EventTypes.ORGANIZATION_REGISTERED, EventTypes.MEMBER_REGISTERED,
                EventTypes.MEMBER_UPDATED, EventTypes.INDICATOR_SYSTEM_PUBLISHED, EventTypes.ASSESSMENT_RECORDED, EventTypes.ASSESSMENT_CORRECTED,
                EventTypes.FINDING_RAISED, EventTypes.RECTIFICATION_CLOSED, EventTypes.RECTIFICATION_OVERDUE, EventTypes.RECTIFICATION_RETURNED,
                EventTypes.RECTIFICATION_DUE_SOON, EventTypes.BONUS_GRANTED,
                EventTypes.PERIOD_LOCKED, EventTypes.PERIOD_REOPENED, EventTypes.STUDY_COMPLETED, EventTypes.EXAM_GRADED,
                EventTypes.PLATFORM_POINTS_RECORDED, EventTypes.MEETING_RECORDED, EventTypes.MEETING_REVISED, EventTypes.STUDY_WITHDRAWN,
                EventTypes.RESPONSIBILITY_ITEM_ADDED, EventTypes.RESPONSIBILITY_ITEM_CHANGED, EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF)) {
            expected.put(type, 1);
        }
        expected.put(EventTypes.ORGANIZATION_REGISTERED, 2);
        expected.put(EventTypes.MEMBER_REGISTERED, 3);
        expected.put(EventTypes.FINDING_RAISED, 3);
        expected.put(EventTypes.STUDY_COMPLETED, 3);
        expected.put(EventTypes.RECTIFICATION_SUBMITTED, 2);

        Map<String, List<ConsumerRecord<String, byte[]>>> byType = new HashMap<>();
        for (String topic : List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY)) {
            List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(60), seen -> {
                Map<String, Long> mine = seen.stream().map(r -> ours(r, unit.code())).filter(e -> e != null)
                        .collect(Collectors.groupingBy(CloudEvent::type, Collectors.counting()));
                return expected.entrySet().stream().filter(e -> topic.equals(CONTRACT.topicOf(e.getKey())))
                        .allMatch(e -> mine.getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
            for (ConsumerRecord<String, byte[]> record : records) {
                CloudEvent event = ours(record, unit.code());
                if (event != null) {
                    byType.computeIfAbsent(event.type(), t -> new ArrayList<>()).add(record);
                }
            }
        }

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<ConsumerRecord<String, byte[]>> records = byType.getOrDefault(e.getKey(), List.of());
            if (records.size() != e.getValue()) {
                problems.add(e.getKey() + ": expected " + e.getValue() + " event(s), found " + records.size());
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                CloudEvent event = TopicProbe.parseOrNull(record);
                if (!record.topic().equals(CONTRACT.topicOf(event.type()))) {
                    problems.add(event.type() + " on " + record.topic() + ", contract says " + CONTRACT.topicOf(event.type()));
                }
                if (!event.subject().equals(record.key())) {
                    problems.add(event.type() + ": key " + record.key() + " != subject " + event.subject());
                }
                if (!"/assessment-service".equals(event.source()) || !EventTypes.dataschema(event.type()).equals(event.dataschema())
                        || event.time() == null || !"1.0".equals(event.specversion())) {
                    problems.add(event.type() + ": envelope " + event);
                }
                CONTRACT.violations(event.type(), event.data()).forEach(v -> problems.add(event.type() + ": " + v));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(Set.of(Topics.COMMITTEE_SUBJECT), Set.of(TopicProbe.parseOrNull(byType.get(EventTypes.PERIOD_LOCKED).get(0)).subject()));
    }

    /** This test's events: its unit's, and the committee-wide ones about its year. */
    private static CloudEvent ours(ConsumerRecord<String, byte[]> record, String unitCode) {
        CloudEvent event = TopicProbe.parseOrNull(record);
        if (event == null || event.subject() == null) {
            return null;
        }
        if (event.subject().equals(unitCode)) {
            return event;
        }
        if (Topics.COMMITTEE_SUBJECT.equals(event.subject()) && event.data() != null) {
            boolean year = event.data().path("year").asInt() == YEAR;
            boolean period = event.data().path("period").asText().startsWith(YEAR + "-");
            return year || period ? event : null;
        }
        return null;
    }
}
