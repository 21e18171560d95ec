package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scorecard's drill-down says what each item behind a number was, when it happened and was recorded, who entered it
 * and which system sent it (issue 12 item 6): a unit of its own (EV1, year 2031) gets a score and its correction from
 * assessment-service, a weekly study and 学习强国 points from a learning platform, an exam from an exam system, a finding
 * and a bonus, applied through the ingest's own rules (not the topics) and removed afterwards.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ScorecardEvidenceTest {
    private static final String MONTH = "2031-03";

    @Inject
    FactBatchHandler applier;


    @Inject
    EventConsumers consumers;


    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Test
    void everyDrillDownItemSaysWhatWhenWhoAndFromWhichSystem() {
        List<IncomingEvent> events = new ArrayList<>();
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.INDICATOR_SYSTEM_PUBLISHED,
                Topics.COMMITTEE_SUBJECT, map("year", 2031, "version", 1, "bonusCap", 5, "examPassScore", 60,
                        "dimensions", List.of(map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 10, "kind", "MANUAL"),
                                map("code", "P2", "name", "周学完成率", "maxPoints", 40, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY")),
                                map("code", "P3", "name", "理论测试合格率", "maxPoints", 30, "kind", "EXAM_PASS_RATE"),
                                map("code", "P4", "name", "学习强国", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 100)))),
                        "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")))));
        events.add(event(Topics.ORGANISATION, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.UNIT_REGISTERED, "EV1",
                map("unitCode", "EV1", "name", "县统计局", "category", "党政机关")));
        events.add(event(Topics.ORGANISATION, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.MEMBER_REGISTERED, "EV1",
                map("memberId", "EV1-M", "unitCode", "EV1", "organizationId", null, "name", "张三", "rank", "DEPUTY_DIVISION_OR_ABOVE",
                        "role", "SECRETARY", "email", "ev1-m@example.gov.cn", "active", true)));
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-03-18T10:00:00+08:00", EventTypes.ASSESSMENT_RECORDED, "EV1",
                assessment(1, 7, "王五")));
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-03-20T09:15:00+08:00", EventTypes.ASSESSMENT_CORRECTED, "EV1",
                assessment(2, 8.5, "李四")));
        CloudEvent correction = events.get(events.size() - 1).event();
        events.add(event(Topics.STUDY, "/learning-platform", "2031-03-10T21:30:00+08:00", EventTypes.STUDY_COMPLETED, "EV1",
                map("memberId", "EV1-M", "unitCode", "EV1", "activityType", "WEEKLY_STUDY", "date", "2031-03-10", "minutes", 60)));
        CloudEvent study = events.get(events.size() - 1).event();
        events.add(event(Topics.STUDY, "/exam-system", "2031-03-25T16:00:00+08:00", EventTypes.EXAM_GRADED, "EV1",
                map("memberId", "EV1-M", "unitCode", "EV1", "examId", "2031-03-theory", "date", "2031-03-24", "score", 41, "passScore", 60, "passed", false)));
        CloudEvent exam = events.get(events.size() - 1).event();
        events.add(event(Topics.STUDY, "/learning-platform", "2031-03-12T23:59:00+08:00", EventTypes.PLATFORM_POINTS_RECORDED, "EV1",
                map("memberId", "EV1-M", "unitCode", "EV1", "date", "2031-03-12", "points", 35)));
        CloudEvent points = events.get(events.size() - 1).event();
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-03-21T11:00:00+08:00", EventTypes.FINDING_RAISED, "EV1",
                map("findingId", "EV1-F1", "unitCode", "EV1", "period", MONTH, "deductionPoints", 2, "source", "巡察", "description", "会议记录不全")));
        CloudEvent finding = events.get(events.size() - 1).event();
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-03-22T11:00:00+08:00", EventTypes.BONUS_GRANTED, "EV1",
                map("bonusId", "EV1-B1", "unitCode", "EV1", "period", MONTH, "points", 1.5, "reason", "市级表彰")));
        CloudEvent bonus = events.get(events.size() - 1).event();
        assertEquals(List.of(), consumers.idempotent("evidence-test", applier).handle(events));
        factsVersion.bump();

        JsonPath card = given().get("/units/EV1/scorecard/" + MONTH).then().statusCode(200).extract().jsonPath();
        // the existing fields stay
        assertEquals(List.of(correction.id()), card.getList("dimensions[0].indicators[0].eventIds"));
        assertEquals(List.of(finding.id()), card.getList("deductionItems.eventId"));

        assertItem(card, "dimensions[0].indicators[0].evidence[0]", correction, "P1 评分 8.5（修订号 2）", MONTH, "李四", "/assessment-service");
        assertItem(card, "dimensions[0].indicators[1].evidence[0]", study, "周学 完成：张三 2031-03-10", "2031-03-10", "张三（EV1-M）", "/learning-platform");
        assertItem(card, "dimensions[0].indicators[2].evidence[0]", exam, "考试 2031-03-theory 得分 41（不合格）：张三", "2031-03-24", "张三（EV1-M）", "/exam-system");
        assertItem(card, "dimensions[0].indicators[3].evidence[0]", points, "学习强国积分 35：张三 2031-03-12", "2031-03-12", "张三（EV1-M）", "/learning-platform");
        assertItem(card, "deductionItems[0].evidence", finding, "扣 2 分：会议记录不全（巡察）", MONTH, "/assessment-service", "/assessment-service");
        assertItem(card, "bonusItems[0].evidence", bonus, "加 1.5 分：市级表彰", MONTH, "/assessment-service", "/assessment-service");
    }

    /**
     * The weekly study behind P2 is the study the score counts: a week belongs to the month of its Monday, so March 2031's
     * drill-down lists Friday 4 April (week of Monday 31 March) and not Saturday 1 March (week of Monday 24 February).
     */
    @Test
    void weeklyStudyEvidenceListsTheWeeksOfTheMonthAsTheScoreCountsThem() {
        List<IncomingEvent> events = new ArrayList<>();
        events.add(event(Topics.ASSESSMENT, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.INDICATOR_SYSTEM_PUBLISHED,
                Topics.COMMITTEE_SUBJECT, map("year", 2031, "version", 1, "bonusCap", 5, "examPassScore", 60,
                        "dimensions", List.of(map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 50, "kind", "MANUAL"),
                                map("code", "P2", "name", "周学完成率", "maxPoints", 50, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY"))))),
                        "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")))));
        events.add(event(Topics.ORGANISATION, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.UNIT_REGISTERED, "EV1",
                map("unitCode", "EV1", "name", "县统计局", "category", "党政机关")));
        events.add(event(Topics.ORGANISATION, "/assessment-service", "2031-01-02T08:00:00+08:00", EventTypes.MEMBER_REGISTERED, "EV1",
                map("memberId", "EV1-M", "unitCode", "EV1", "organizationId", null, "name", "张三", "rank", "DEPUTY_DIVISION_OR_ABOVE",
                        "role", "SECRETARY", "email", "ev1-m@example.gov.cn", "active", true)));
        List<String> ids = new ArrayList<>();
        for (String day : List.of("2031-03-01", "2031-03-10", "2031-04-04")) {
            events.add(event(Topics.STUDY, "/learning-platform", day + "T21:30:00+08:00", EventTypes.STUDY_COMPLETED, "EV1",
                    map("memberId", "EV1-M", "unitCode", "EV1", "activityType", "WEEKLY_STUDY", "date", day, "minutes", 60)));
            ids.add(events.get(events.size() - 1).event().id());
        }
        assertEquals(List.of(), consumers.idempotent("evidence-test", applier).handle(events));
        factsVersion.bump();

        JsonPath card = given().get("/units/EV1/scorecard/" + MONTH).then().statusCode(200).extract().jsonPath();
        assertEquals("完成 2/5", card.getString("dimensions[0].indicators[1].basis"));
        assertEquals(List.of(ids.get(1), ids.get(2)), card.getList("dimensions[0].indicators[1].eventIds"),
                "the completions the score counts: 10 March and Friday 4 April, not Saturday 1 March");
        assertEquals(List.of("2031-03-10", "2031-04-04"), card.getList("dimensions[0].indicators[1].evidence.on"));
    }

    private static void assertItem(JsonPath card, String path, CloudEvent event, String what, String on, String by, String source) {
        Map<String, Object> item = card.getMap(path);
        assertEquals(event.id(), item == null ? null : item.get("eventId"), path + " " + item);
        assertEquals(what, item.get("what"), path);
        assertEquals(on, item.get("on"), path);
        assertEquals(by, item.get("by"), path);
        assertEquals(source, item.get("source"), path);
        assertEquals(event.time().toInstant(), Instant.parse((String) item.get("recordedAt")), path);
    }

    @AfterEach
    void removeUnit() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("unit", "member", "member_version", "member_period", "assessment", "finding", "bonus", "exam_result", "platform_points", "study_completion")) {
                s.executeUpdate("delete from " + table + " where unit_code = 'EV1'");
            }
            s.executeUpdate("delete from indicator_system where for_year = 2031");
        }
        factsVersion.bump();
    }

    private static Map<String, Object> assessment(int revision, double score, String assessor) {
        return map("assessmentId", "EV1-P1-" + MONTH, "revision", revision, "unitCode", "EV1", "indicatorCode", "P1", "period", MONTH,
                "score", score, "assessor", assessor, "systemYear", 2031, "systemVersion", 1);
    }

    private static int offset;

    private static IncomingEvent event(String topic, String source, String time, String type, String subject, Map<String, Object> data) {
        CloudEvent event = CloudEvent.withId(UUID.randomUUID().toString(), source, type, subject, OffsetDateTime.parse(time),
                CloudEventCodec.toTree(data));
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
