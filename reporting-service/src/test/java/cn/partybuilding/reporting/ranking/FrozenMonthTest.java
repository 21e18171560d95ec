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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frozen months (issue 12.2): a month is published only while assessment-service has it locked; records a learning
 * platform sends while it is locked are kept and shown as 迟报 but leave the figures alone until the committee reopens the
 * month; a republication needs a reopen and a new lock and carries the reopen's reason. A unit of its own (FM1, March 2032)
 * applied through the ingest's own rules with the broker timestamps set by the test (when each record "reached the
 * broker"), and removed afterwards; the way through the real broker (and a replay) is in RankingScenarioTest and the
 * end-to-end test.
 *
 * <pre>
 * System 2032: one dimension, weight 100: M1 MANUAL max 50, S1 STUDY_RATE max 30 (WEEKLY_STUDY), PP PLATFORM_POINTS max 20
 * (target 100 points per member and month). March 2032 has 5 Mondays: 2 members × 5 = 10 weekly studies required.
 * FM1: M1 40; one weekly study received before the lock (1/10 → S1 3); no points → composite 43.
 * Late (received after the lock): a weekly study of FM1-L (→ 2/10, S1 6) and 100 points of FM1-L (mean 50 → PP 10) → 56.
 * </pre>
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class FrozenMonthTest {
    static final String MONTH = "2032-03";
    static final OffsetDateTime LOCK = OffsetDateTime.parse("2032-04-03T09:00:00+08:00");
    static final OffsetDateTime REOPEN = LOCK.plusDays(5);

    @Inject
    FactBatchHandler applier;

    @Inject
    EventConsumers consumers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    static Map<String, Object> system() {
        return map("year", 2032, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(map("code", "ALL", "name", "党建工作", "weight", 100, "indicators", List.of(
                        map("code", "M1", "name", "三会一课", "maxPoints", 50, "kind", "MANUAL"),
                        map("code", "S1", "name", "周学完成率", "maxPoints", 30, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY")),
                        map("code", "PP", "name", "学习强国积分", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 100)))),
                "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")));
    }

    @Test
    void aMonthIsPublishedOnlyLockedLateRecordsWaitForAReopenAndTheRepublicationCarriesItsReason() {
        OffsetDateTime before = LOCK.minusDays(2);
        apply(assessment(EventTypes.UNIT_REGISTERED, Topics.ORGANISATION, "FM1", before, map("unitCode", "FM1", "name", "县审计局", "category", "党政机关")),
                assessment(EventTypes.ORGANIZATION_REGISTERED, Topics.ORGANISATION, "FM1", before, map("organizationId", "FM1-ORG", "unitCode", "FM1",
                        "parentId", null, "kind", "ORGANS_COMMITTEE", "name", "县审计局机关党支部")),
                member("FM1-S", "SECRETARY", before), member("FM1-L", "PRINCIPAL_LEADER", before),
                assessment(EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.ASSESSMENT, Topics.COMMITTEE_SUBJECT, before, system()),
                assessment(EventTypes.ASSESSMENT_RECORDED, Topics.ASSESSMENT, "FM1", before, map("assessmentId", "FM1-M1", "revision", 1,
                        "unitCode", "FM1", "indicatorCode", "M1", "period", MONTH, "score", 40, "assessor", "考核组", "systemYear", 2032, "systemVersion", 1)),
                platform(EventTypes.STUDY_COMPLETED, before, map("memberId", "FM1-S", "unitCode", "FM1", "activityType", "WEEKLY_STUDY",
                        "date", "2032-03-01", "minutes", 60)));
        scorecard().then().statusCode(200).body("composite", equalTo(43.0f)).body("lateRecords.count", equalTo(0));

        // not locked: refused, naming the month and what to do; nothing published
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("2032年3月尚未锁定：请先在考评服务锁定该月再发布"))
                .body("violations[0].field", equalTo("period"));
        given().get("/rankings/" + MONTH + "/history").then().statusCode(200).body("", hasSize(0));

        // locked → version 1
        apply(period(EventTypes.PERIOD_LOCKED, LOCK, null));
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(200)
                .body("version", equalTo(1)).body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f));
        // published and not reopened since: no second version, with or without a reason
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period")).body("detail", containsString("重新开放"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "更正")).post("/rankings/" + MONTH + "/publish").then().statusCode(409);

        // a learning platform sends records for the locked month: kept, shown as late, the figures stay those published
        apply(platform(EventTypes.STUDY_COMPLETED, LOCK.plusHours(1), map("memberId", "FM1-L", "unitCode", "FM1", "activityType", "WEEKLY_STUDY",
                        "date", "2032-03-08", "minutes", 45)),
                platform(EventTypes.PLATFORM_POINTS_RECORDED, LOCK.plusHours(2), map("memberId", "FM1-L", "unitCode", "FM1", "date", "2032-03-09",
                        "points", 100)));
        JsonPath locked = scorecard().then().statusCode(200).extract().jsonPath();
        assertEquals(43.0f, locked.getFloat("composite"), "a late record changed the locked month's figures");
        assertEquals(2, locked.getInt("lateRecords.count"));
        assertEquals(2, locked.getInt("lateRecords.notCounted"));
        assertEquals(List.of("迟报：该月锁定期间收到，未计入本月考评；重新开放该月后计入",
                "迟报：该月锁定期间收到，未计入本月考评；重新开放该月后计入"), locked.getList("lateRecords.items.late"));
        assertTrue(locked.getString("lateRecords.items[0].what").contains("FM1 主要负责人"), locked.prettify());
        assertEquals(1, locked.getList("dimensions[0].indicators.find { it.code == 'S1' }.eventIds").size(),
                "the late study is not behind the month's number");
        given().get("/rankings/" + MONTH).then().body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f));

        // reopened with a reason: the late records count, still marked late; a reopened month is not published
        apply(period(EventTypes.PERIOD_REOPENED, REOPEN, "县委巡察反馈周学记录漏报，需补录"));
        scorecard().then().body("composite", equalTo(56.0f))
                .body("lateRecords.count", equalTo(2)).body("lateRecords.notCounted", equalTo(0))
                .body("lateRecords.items[0].late", equalTo("迟报：该月锁定期间收到，该月重新开放后已计入"))
                .body("dimensions[0].indicators.find { it.code == 'S1' }.eventIds", hasSize(2));
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(409).body("detail", containsString("尚未锁定"));

        // locked again → version 2, carrying the reopen's reason; version 1 stays as it was
        apply(period(EventTypes.PERIOD_LOCKED, REOPEN.plusDays(1), null));
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(200)
                .body("version", equalTo(2)).body("entries.find { it.unitCode == 'FM1' }.score", equalTo(56.0f));
        given().get("/rankings/" + MONTH + "/history").then().body("version", equalTo(List.of(1, 2)))
                .body("[1].reason", equalTo("县委巡察反馈周学记录漏报，需补录"));
        given().get("/rankings/" + MONTH + "/published?version=1").then().body("entries.find { it.unitCode == 'FM1' }.score", equalTo(43.0f));
    }

    /** Removes the unit and its facts (the publications of March 2032 stay: no other test reads 2032). */
    @AfterEach
    void removeUnit() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("unit", "party_organization", "member", "assessment", "platform_points", "study_completion")) {
                s.executeUpdate("delete from " + table + " where unit_code = 'FM1'");
            }
            s.executeUpdate("delete from indicator_system where for_year = 2032");
        }
        factsVersion.bump();
    }

    private void apply(IncomingEvent... events) {
        assertEquals(List.of(), consumers.idempotent("frozen-month-test", applier).handle(List.of(events)));
        factsVersion.bump();
    }

    private static io.restassured.response.Response scorecard() {
        return given().get("/units/FM1/scorecard/" + MONTH);
    }

    private static IncomingEvent member(String id, String role, OffsetDateTime at) {
        return assessment(EventTypes.MEMBER_REGISTERED, Topics.ORGANISATION, "FM1", at, map("memberId", id, "unitCode", "FM1",
                "organizationId", "FM1-ORG", "name", "FM1 " + (role.equals("SECRETARY") ? "书记" : "主要负责人"), "rank", "DEPUTY_DIVISION_OR_ABOVE",
                "role", role, "email", id.toLowerCase() + "@example.gov.cn", "active", true));
    }

    private static IncomingEvent period(String type, OffsetDateTime at, String reason) {
        return assessment(type, Topics.ASSESSMENT, Topics.COMMITTEE_SUBJECT, at, map("period", MONTH, "reason", reason, "by", "工委办公室"));
    }

    private static IncomingEvent assessment(String type, String topic, String subject, OffsetDateTime at, Map<String, Object> data) {
        return event("/assessment-service", type, topic, subject, at, data);
    }

    /** A learning platform's record; it reaches the broker at {@code receivedAt} (the Kafka timestamp). */
    private static IncomingEvent platform(String type, OffsetDateTime receivedAt, Map<String, Object> data) {
        return event("/learning-platform", type, Topics.STUDY, "FM1", receivedAt, data);
    }

    private static long offset;

    private static IncomingEvent event(String source, String type, String topic, String subject, OffsetDateTime at, Map<String, Object> data) {
        CloudEvent event = CloudEvent.withId(UUID.randomUUID().toString(), source, type, subject, at, CloudEventCodec.toTree(data));
        byte[] value = CloudEventCodec.write(event);
        return new IncomingEvent(event, new ConsumerRecord<>(topic, 0, offset++, at.toInstant().toEpochMilli(), TimestampType.CREATE_TIME,
                subject.length(), value.length, subject, value, new RecordHeaders(), Optional.empty()));
    }
}
