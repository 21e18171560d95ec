package cn.partybuilding.reporting.publication;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event type reporting-service publishes — {@code ranking.published}, {@code quarterly-grades.published},
 * {@code annual-results.published}, {@code notice.requested} (from a publication and from the early warning) — is read
 * back from its topic through the real broker, on the topic asyncapi.yaml names, with the envelope and a payload that
 * conforms to the document. The county (three units of year 2030, their roster, scores and an exam) is applied through the
 * ingest's own rules, not the topics, and removed afterwards: the scenario test's rankings and its replay never see it.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class EventContractTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final String MONTH = "2030-01";
    private static final String QUARTER = "2030-Q1";
    private static final List<String> PUBLISHED = List.of(EventTypes.RANKING_PUBLISHED, EventTypes.QUARTERLY_GRADES_PUBLISHED,
            EventTypes.ANNUAL_RESULTS_PUBLISHED, EventTypes.BRANCH_RANKING_PUBLISHED, EventTypes.NOTICE_REQUESTED);

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
    void everyPublishedEventTypeArrivesOnItsTopicAsTheDocumentSays() {
        applyCounty();
        given().post("/rankings/" + MONTH + "/publish").then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(1));
        given().post("/warnings/" + MONTH + "/run").then().statusCode(200);
        // a quarter needs its three months published, a year its twelve and a debrief score for every ranked unit
        for (int m = 2; m <= 12; m++) {
            given().post("/rankings/" + String.format("2030-%02d", m) + "/publish").then().statusCode(200);
        }
        given().post("/quarters/" + QUARTER + "/publish").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("score", 88)).put("/years/2030/debriefs/CT1").then().statusCode(200);
        // December nobody submitted (its ranking has no entries): the units ranked in the year are January's
        for (String unit : given().get("/rankings/2030-01/published").then().extract().jsonPath().<String>getList("entries.unitCode")) {
            if (!unit.equals("CT1")) {
                given().contentType(ContentType.JSON).body(Map.of("score", 75)).put("/years/2030/debriefs/" + unit).then().statusCode(200);
            }
        }
        given().post("/years/2030/publish").then().statusCode(200);

        Map<String, List<CloudEvent>> byType = new HashMap<>();
        for (String topic : List.of(Topics.REPORTING, Topics.NOTICE_REQUESTS)) {
            Predicate<CloudEvent> mine = EventContractTest::ofThisTest;
            List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(60),
                    seen -> PUBLISHED.stream().filter(type -> topic.equals(CONTRACT.topicOf(type))).allMatch(type ->
                            seen.stream().map(TopicProbe::parseOrNull).anyMatch(e -> e != null && type.equals(e.type()) && mine.test(e))));
            for (ConsumerRecord<String, byte[]> record : records) {
                CloudEvent event = TopicProbe.parseOrNull(record);
                assertTrue(event != null, "every record on " + topic + " is a CloudEvent");
                if (!ofThisTest(event)) {
                    continue;
                }
                assertEquals(topic, CONTRACT.topicOf(event.type()), event.type() + " is on the topic the document names");
                assertEquals(event.subject(), record.key(), "keyed by subject");
                byType.computeIfAbsent(event.type(), t -> new ArrayList<>()).add(event);
            }
        }
        assertEquals(new java.util.TreeSet<>(PUBLISHED), new java.util.TreeSet<>(byType.keySet()), "every type reporting publishes was read back");
        for (List<CloudEvent> events : byType.values()) {
            for (CloudEvent event : events) {
                assertEquals("/reporting-service", event.source());
                assertEquals(EventTypes.dataschema(event.type()), event.dataschema());
                CONTRACT.assertConforms(event);
            }
        }
        List<String> notices = byType.get(EventTypes.NOTICE_REQUESTED).stream().map(e -> e.data().get("noticeType").asText()).distinct().toList();
        assertTrue(notices.containsAll(List.of("MONTHLY_BULLETIN", "CRITICISM", "EDUCATION_REMINDER", "EARLY_WARNING", "BRANCH_RECTIFICATION")),
                "the notices checked include those with facts and deadlines: " + notices);
        assertFalse(byType.get(EventTypes.RANKING_PUBLISHED).get(0).data().get("entries").isEmpty());
    }

    /** This test's publications: its month, quarter and year (other tests publish 2026 and 2029). */
    private static boolean ofThisTest(CloudEvent e) {
        var data = e.data();
        return switch (e.type()) {
            case EventTypes.RANKING_PUBLISHED -> MONTH.equals(data.path("period").asText());
            case EventTypes.QUARTERLY_GRADES_PUBLISHED, EventTypes.BRANCH_RANKING_PUBLISHED -> QUARTER.equals(data.path("quarter").asText());
            case EventTypes.ANNUAL_RESULTS_PUBLISHED -> data.path("year").asInt() == 2030;
            case EventTypes.NOTICE_REQUESTED -> data.path("period").asText().startsWith("2030-");
            default -> false;
        };
    }

    /**
     * Three units with a secretary and a principal leader each, the indicator system of 2030, January's scores (CT3 far
     * behind), a failed exam of CT3's leader, one weekly study: applied through the ingest's rules in one transaction.
     */
    private void applyCounty() {
        List<IncomingEvent> events = new ArrayList<>();
        events.add(event(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT, map("year", 2030, "version", 1,
                "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 60, "kind", "MANUAL"),
                                map("code", "P2", "name", "周学完成率", "maxPoints", 40, "kind", "STUDY_RATE", "activityTypes", List.of("WEEKLY_STUDY")))),
                        map("code", "IDEOLOGICAL", "name", "思想建设", "weight", 40, "indicators", List.of(
                                map("code", "I1", "name", "意识形态工作", "maxPoints", 70, "kind", "MANUAL"),
                                map("code", "I2", "name", "理论测试合格率", "maxPoints", 30, "kind", "EXAM_PASS_RATE")))),
                "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")))));
        String[] names = {"县档案馆", "县地方志办公室", "县机关事务服务中心"};
        double[][] manual = {{58, 65}, {50, 60}, {20, 25}};
        for (int u = 1; u <= 3; u++) {
            String unit = "CT" + u;
            events.add(event(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, unit, map("unitCode", unit, "name", names[u - 1], "category", "事业单位")));
            events.add(event(Topics.ORGANISATION, EventTypes.ORGANIZATION_REGISTERED, unit, map("organizationId", unit + "-ORG", "unitCode", unit,
                    "parentId", null, "kind", "ORGANS_COMMITTEE", "name", names[u - 1] + "党支部")));
            for (String[] m : new String[][]{{"S", "SECRETARY"}, {"L", "PRINCIPAL_LEADER"}}) {
                events.add(event(Topics.ORGANISATION, EventTypes.MEMBER_REGISTERED, unit, map("memberId", unit + "-" + m[0], "unitCode", unit,
                        "organizationId", unit + "-ORG", "name", unit + " " + m[1], "rank", "DEPUTY_DIVISION_OR_ABOVE", "role", m[1],
                        "email", unit.toLowerCase() + "-" + m[0].toLowerCase() + "@example.gov.cn", "active", true)));
            }
            events.add(score(unit, "P1", manual[u - 1][0]));
            events.add(score(unit, "I1", manual[u - 1][1]));
        }
        // issue 16.2: CT3's only branch, whose member did nothing: the quarter's 后进支部 (a BRANCH_RECTIFICATION to its secretary)
        events.add(event(Topics.ORGANISATION, EventTypes.ORGANIZATION_REGISTERED, "CT3", map("organizationId", "CT3-B", "unitCode", "CT3",
                "parentId", "CT3-ORG", "kind", "BRANCH", "name", "第一党支部")));
        events.add(event(Topics.ORGANISATION, EventTypes.MEMBER_REGISTERED, "CT3", map("memberId", "CT3-B-S", "unitCode", "CT3",
                "organizationId", "CT3-B", "name", "CT3 支部书记", "rank", "SECTION_OR_BELOW", "role", "SECRETARY",
                "email", "ct3-b-s@example.gov.cn", "active", true)));
        events.add(event(Topics.STUDY, EventTypes.STUDY_COMPLETED, "CT1", map("memberId", "CT1-S", "unitCode", "CT1", "activityType", "WEEKLY_STUDY",
                "date", "2030-01-07", "minutes", 60)));
        events.add(event(Topics.STUDY, EventTypes.EXAM_GRADED, "CT3", map("memberId", "CT3-L", "unitCode", "CT3", "examId", "2030-01-theory",
                "date", "2030-01-20", "score", 41, "passScore", 60, "passed", false)));
        // frozen months: every month of 2030 is locked in assessment-service before it is published
        for (int m = 1; m <= 12; m++) {
            events.add(event(Topics.ASSESSMENT, EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT,
                    map("period", String.format("2030-%02d", m), "reason", null, "by", "工委办公室")));
        }
        assertEquals(List.of(), consumers.idempotent("contract-test", applier).handle(events));
    }

    /** Removes this test's county from the facts (its publications stay: no other test reads 2030). */
    @AfterEach
    void removeCounty() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("unit", "party_organization", "member", "member_version", "member_period", "assessment", "exam_result", "study_completion")) {
                s.executeUpdate("delete from " + table + " where unit_code in ('CT1', 'CT2', 'CT3')");
            }
            s.executeUpdate("delete from indicator_system where for_year = 2030");
        }
        factsVersion.bump();
    }

    private static IncomingEvent score(String unit, String indicator, double score) {
        return event(Topics.ASSESSMENT, EventTypes.ASSESSMENT_RECORDED, unit, map("assessmentId", unit + "-" + indicator + "-" + MONTH,
                "revision", 1, "unitCode", unit, "indicatorCode", indicator, "period", MONTH, "score", score, "assessor", "考核组",
                "systemYear", 2030, "systemVersion", 1));
    }

    private static int offset;

    private static IncomingEvent event(String topic, String type, String subject, Map<String, Object> data) {
        CloudEvent event = CloudEvent.of("/assessment-service", type, subject, CloudEventCodec.toTree(data));
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
