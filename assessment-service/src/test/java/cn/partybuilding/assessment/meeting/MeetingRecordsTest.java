package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static cn.partybuilding.assessment.support.Fixtures.put;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.1: a meeting (三会一课, 主题党日 …) is recorded once; its attendees' completions are what reporting-service counts
 * (study.completed on party.study.v1, with the meeting's id), a revision withdraws removed attendees' completions
 * (study.withdrawn), a locked month refuses edits, bad input writes nothing, and a learning platform may send meetings.
 * Year 2004.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class MeetingRecordsTest {
    static final int YEAR = 2004;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static Map<String, Object> meeting(Fixtures.Unit unit, String kind, String date, List<String> attendees, List<Map<String, Object>> absentees) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", unit.branchId());
        body.put("kind", kind);
        body.put("date", date);
        body.put("topic", "学习贯彻党的二十届四中全会精神");
        body.put("durationMinutes", 90);
        body.put("minutes", "一、传达学习；二、交流发言；三、部署工作。");
        body.put("attendees", attendees);
        body.put("absentees", absentees);
        return body;
    }

    private static Map<String, Object> absent(String memberId, String reason) {
        Map<String, Object> a = new HashMap<>();
        a.put("memberId", memberId);
        a.put("reason", reason);
        return a;
    }

    /** The unit's events on the study topic, once {@code done} holds for them. */
    private List<CloudEvent> studyEvents(String unitCode, Predicate<List<CloudEvent>> done) {
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, Topics.STUDY, Duration.ofSeconds(60),
                seen -> done.test(seen.stream().filter(r -> unitCode.equals(r.key())).map(TopicProbe::parseOrNull).filter(e -> e != null).toList()));
        return records.stream().filter(r -> unitCode.equals(r.key())).map(TopicProbe::parseOrNull).filter(e -> e != null).toList();
    }

    private static List<CloudEvent> ofType(List<CloudEvent> events, String type) {
        return events.stream().filter(e -> type.equals(e.type())).toList();
    }

    private static Set<String> members(List<CloudEvent> events) {
        return events.stream().map(e -> e.data().path("memberId").asText()).collect(Collectors.toSet());
    }

    private static ValidatableResponse completions(String unitCode, String period) {
        return given().queryParam("unitCode", unitCode).queryParam("period", period).get("/study/completions").then().statusCode(200);
    }

    @Test
    void aMeetingsAttendeesBecomeCompletionsAndARevisionReplacesThem() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县发展和改革局", 5);
        List<String> m = unit.memberIds();
        // m4 recorded its 主题党日 on its own before: the meeting does not count it twice, nor withdraw it later
        post("/study/completions", Map.of("memberId", m.get(4), "activityType", "THEME_DAY", "date", YEAR + "-03-12")).statusCode(201);

        String id = post("/meetings", meeting(unit, "THEME_DAY", YEAR + "-03-12", List.of(m.get(0), m.get(1), m.get(2), m.get(4)),
                List.of(absent(m.get(3), "外出培训"))))
                .statusCode(201)
                .body("revision", equalTo(1)).body("unitCode", equalTo(unit.code())).body("kind", equalTo("THEME_DAY"))
                .body("attendees", hasSize(4)).body("absentees[0].reason", equalTo("外出培训")).body("recordedBy", equalTo("test-admin"))
                .extract().path("meetingId");
        completions(unit.code(), YEAR + "-03").body("", hasSize(4)).body("activityType", everyItemIs("THEME_DAY"));
        assertEquals(3, Db.count("select count(*) from study_completion where meeting_id = ?", id));

        List<CloudEvent> events = studyEvents(unit.code(), e -> ofType(e, EventTypes.STUDY_COMPLETED).size() >= 4 && !ofType(e, EventTypes.MEETING_RECORDED).isEmpty());
        List<CloudEvent> fromMeeting = ofType(events, EventTypes.STUDY_COMPLETED).stream().filter(e -> id.equals(e.data().path("meetingId").asText(null))).toList();
        assertEquals(Set.of(m.get(0), m.get(1), m.get(2)), members(fromMeeting), "one completion per attendee that had none");
        assertTrue(fromMeeting.stream().allMatch(e -> "THEME_DAY".equals(e.data().path("activityType").asText())
                && (YEAR + "-03-12").equals(e.data().path("date").asText()) && e.data().path("minutes").asInt() == 90), fromMeeting.toString());
        assertEquals(1, ofType(events, EventTypes.MEETING_RECORDED).size());
        assertEquals(List.of(m.get(3)), ofType(events, EventTypes.MEETING_RECORDED).get(0).data().path("absentees").findValuesAsText("memberId"));

        // the revision: m1 and m4 no longer attended, m3 did after all
        put("/meetings/" + id, meeting(unit, "THEME_DAY", YEAR + "-03-12", List.of(m.get(0), m.get(2), m.get(3)),
                List.of(absent(m.get(1), "病假"), absent(m.get(4), "值班"))))
                .statusCode(200).body("revision", equalTo(2)).body("attendees", equalTo(List.of(m.get(0), m.get(2), m.get(3))));
        completions(unit.code(), YEAR + "-03").body("memberId", equalTo(List.of(m.get(0), m.get(2), m.get(3), m.get(4)).stream().sorted().toList()));
        given().get("/meetings/" + id).then().statusCode(200).body("revision", equalTo(2)).body("absentees.memberId", equalTo(List.of(m.get(1), m.get(4))));

        events = studyEvents(unit.code(), e -> !ofType(e, EventTypes.MEETING_REVISED).isEmpty() && !ofType(e, EventTypes.STUDY_WITHDRAWN).isEmpty()
                && ofType(e, EventTypes.STUDY_COMPLETED).size() >= 5);
        List<CloudEvent> withdrawn = ofType(events, EventTypes.STUDY_WITHDRAWN);
        assertEquals(Set.of(m.get(1)), members(withdrawn), "only the meeting's own completion is withdrawn");
        assertEquals(id, withdrawn.get(0).data().path("meetingId").asText());
        assertEquals(Set.of(m.get(0), m.get(1), m.get(2), m.get(3)), members(ofType(events, EventTypes.STUDY_COMPLETED).stream()
                .filter(e -> id.equals(e.data().path("meetingId").asText(null))).toList()));
        assertEquals(2, ofType(events, EventTypes.MEETING_REVISED).get(0).data().path("revision").asInt());

        // the same state again changes nothing
        long outbox = Db.outbox();
        put("/meetings/" + id, meeting(unit, "THEME_DAY", YEAR + "-03-12", List.of(m.get(0), m.get(2), m.get(3)),
                List.of(absent(m.get(1), "病假"), absent(m.get(4), "值班")))).statusCode(200).body("revision", equalTo(2));
        assertEquals(outbox, Db.outbox());

        // moved to another day: every completion of the meeting moves with it
        put("/meetings/" + id, meeting(unit, "THEME_DAY", YEAR + "-03-13", List.of(m.get(0)), List.of())).statusCode(200).body("revision", equalTo(3));
        assertEquals(1, Db.count("select count(*) from study_completion where meeting_id = ?", id));
        assertEquals(1, Db.count("select count(*) from study_completion where meeting_id = ? and completed_on = ?", id, LocalDate.of(YEAR, 3, 13)));
        given().queryParam("period", YEAR + "-03").queryParam("unitCode", unit.code()).get("/meetings").then().statusCode(200)
                .body("meetingId", equalTo(List.of(id)));
    }

    @Test
    void aMeetingOfALockedMonthCannotBeRecordedOrEdited() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县司法局", 3);
        List<String> m = unit.memberIds();
        String id = post("/meetings", meeting(unit, "BRANCH_ASSEMBLY", YEAR + "-04-08", List.of(m.get(0), m.get(1)), List.of()))
                .statusCode(201).extract().path("meetingId");
        String open = post("/meetings", meeting(unit, "BRANCH_COMMITTEE", YEAR + "-05-08", List.of(m.get(0)), List.of()))
                .statusCode(201).extract().path("meetingId");
        post("/periods/" + YEAR + "-04/lock", Map.of()).statusCode(200);
        try {
            String before = Db.snapshot();
            put("/meetings/" + id, meeting(unit, "BRANCH_ASSEMBLY", YEAR + "-04-08", List.of(m.get(0)), List.of(absent(m.get(1), "请假"))))
                    .statusCode(409).contentType(startsWith("application/problem+json"))
                    .body("violations[0].field", equalTo("date")).body("detail", containsString("已锁定"));
            put("/meetings/" + open, meeting(unit, "BRANCH_COMMITTEE", YEAR + "-04-30", List.of(m.get(0)), List.of()))
                    .statusCode(409).body("violations[0].field", equalTo("date"));
            post("/meetings", meeting(unit, "PARTY_LECTURE", YEAR + "-04-20", List.of(m.get(0)), List.of()))
                    .statusCode(409).body("violations[0].field", equalTo("date"));
            assertEquals(before, Db.snapshot(), "a refused edit writes nothing");
            given().get("/meetings/" + id).then().body("revision", equalTo(1)).body("attendees", hasSize(2));
        } finally {
            post("/periods/" + YEAR + "-04/reopen", Map.of("reason", "测试结束")).statusCode(200);
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县民政局", 3);
        Fixtures.Unit other = Fixtures.unitWithMembers("县人社局", 1);
        List<String> m = unit.memberIds();
        String date = YEAR + "-06-10";
        String before = Db.snapshot();
        refused(meeting(unit, "THEME_DAY", date, List.of(m.get(0)), List.of(absent(m.get(1), " "))), "absentees[0].reason", "缺席须说明原因");
        refused(meeting(unit, "THEME_DAY", date, List.of(m.get(0), other.memberIds().get(0)), List.of()), "attendees[1]", "不是");
        refused(meeting(unit, "THEME_DAY", LocalDate.now().plusDays(3).toString(), List.of(m.get(0)), List.of()), "date", "不能晚于今天");
        refused(meeting(unit, "WEEKLY_STUDY", date, List.of(m.get(0)), List.of()), "kind", "不是会议类型");
        refused(meeting(unit, "THEME_DAY", date, List.of(), List.of()), "attendees", "至少");
        refused(meeting(unit, "THEME_DAY", date, List.of(m.get(0), m.get(0)), List.of()), "attendees[1]", "重复");
        refused(meeting(unit, "THEME_DAY", date, List.of(m.get(0)), List.of(absent(m.get(0), "请假"))), "absentees[0].memberId", "已在");
        Map<String, Object> unknownOrganisation = meeting(unit, "THEME_DAY", date, List.of(m.get(0)), List.of());
        unknownOrganisation.put("organizationId", "NO-SUCH-ORG");
        refused(unknownOrganisation, "organizationId", "未知党组织");
        Map<String, Object> noTopic = meeting(unit, "THEME_DAY", date, List.of(m.get(0)), List.of());
        noTopic.remove("topic");
        refused(noTopic, "topic", "必填");
        assertEquals(before, Db.snapshot(), "nothing written for any refused meeting");
        given().get("/meetings/NO-SUCH-MEETING").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static void refused(Map<String, Object> body, String field, String reason) {
        post("/meetings", body).statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.reason", containsString(reason));
    }

    @Test
    void aSecretaryRecordsItsOwnUnitsMeetingsOnly() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县水利局", 2);
        Fixtures.Unit other = Fixtures.unitWithMembers("县林业局", 2);
        String token = TestTokens.secretary(unit.code());
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(meeting(unit, "GROUP_MEETING", YEAR + "-07-02", unit.memberIds(), List.of())).post("/meetings").then()
                .statusCode(201).extract().path("meetingId");
        String before = Db.snapshot();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(meeting(other, "GROUP_MEETING", YEAR + "-07-02", other.memberIds(), List.of())).post("/meetings").then()
                .statusCode(400).body("violations[0].field", equalTo("organizationId")).body("violations[0].reason", containsString("未知党组织"));
        assertEquals(before, Db.snapshot());
        String otherId = post("/meetings", meeting(other, "GROUP_MEETING", YEAR + "-07-02", other.memberIds(), List.of()))
                .statusCode(201).extract().path("meetingId");
        given().auth().oauth2(token).get("/meetings/" + otherId).then().statusCode(404);
        given().auth().oauth2(token).get("/meetings/" + id).then().statusCode(200);
        given().auth().oauth2(token).queryParam("period", YEAR + "-07").get("/meetings").then().statusCode(200).body("meetingId", equalTo(List.of(id)));
    }

    private static CloudEvent foreign(String type, String unitCode, Object data) {
        return CloudEvent.of("/learning-platform", type, unitCode, CloudEventCodec.toTree(data));
    }

    @Test
    void aLearningPlatformsMeetingBecomesCompletionsAndABadOneIsDeadLettered() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县统计局", 3);
        List<String> m = unit.memberIds();
        String lpId = "lp-" + Fixtures.code("mt");
        Map<String, Object> held = meeting(unit, "CENTRAL_GROUP_STUDY", YEAR + "-08-06", List.of(m.get(0), m.get(1)), List.of(absent(m.get(2), "出差")));
        held.put("meetingId", lpId);
        held.put("revision", 1);
        held.put("unitCode", unit.code());
        String platform = KafkaAccess.LEARNING_PLATFORM.name();
        CloudEvent recorded = foreign(EventTypes.MEETING_RECORDED, unit.code(), held);
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, recorded);
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, recorded); // the same event again: applied once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> completions(unit.code(), YEAR + "-08").body("", hasSize(2)));

        Map<String, Object> revised = new HashMap<>(held);
        revised.put("revision", 2);
        revised.put("attendees", List.of(m.get(0)));
        revised.put("absentees", List.of(absent(m.get(1), "病假"), absent(m.get(2), "出差")));
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, foreign(EventTypes.MEETING_REVISED, unit.code(), revised));
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, foreign(EventTypes.MEETING_RECORDED, unit.code(), held)); // stale: revision 1 after 2
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> completions(unit.code(), YEAR + "-08").body("memberId", equalTo(List.of(m.get(0)))));
        given().get("/meetings/" + lpId).then().statusCode(200).body("revision", equalTo(2)).body("source", equalTo("/learning-platform"));

        // this service publishes the attendees' completions (and the withdrawal), so reporting-service counts them like its own
        List<CloudEvent> events = studyEvents(unit.code(), e -> ofType(e, EventTypes.STUDY_WITHDRAWN).size() >= 1);
        List<CloudEvent> ours = events.stream().filter(e -> "/assessment-service".equals(e.source())).toList();
        assertEquals(Set.of(m.get(0), m.get(1)), members(ofType(ours, EventTypes.STUDY_COMPLETED)));
        assertEquals(2, ofType(ours, EventTypes.STUDY_COMPLETED).size(), "the repeated event published nothing more");
        assertEquals(Set.of(m.get(1)), members(ofType(ours, EventTypes.STUDY_WITHDRAWN)));

        // bad ones: an attendee of no such member, an absence without reason
        Map<String, Object> unknown = new HashMap<>(held);
        unknown.put("meetingId", "lp-" + Fixtures.code("bad"));
        unknown.put("attendees", List.of("NOBODY-" + unit.code()));
        unknown.put("absentees", List.of());
        Map<String, Object> noReason = new HashMap<>(held);
        noReason.put("meetingId", "lp-" + Fixtures.code("bad"));
        noReason.put("absentees", List.of(Map.of("memberId", m.get(2))));
        CloudEvent bad1 = foreign(EventTypes.MEETING_RECORDED, unit.code(), unknown);
        CloudEvent bad2 = foreign(EventTypes.MEETING_RECORDED, unit.code(), noReason);
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, bad1);
        TopicProbe.publishAs(bootstrap, platform, Topics.STUDY, bad2);
        String dlt = Topics.deadLetter(Topics.STUDY, "assessment-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(30),
                seen -> seen.stream().filter(r -> unit.code().equals(r.key())).count() >= 2).stream().filter(r -> unit.code().equals(r.key())).toList();
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(r -> TopicProbe.parseOrNull(r).id(),
                r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER), (a, b) -> a));
        assertEquals(Set.of(bad1.id(), bad2.id()), reasons.keySet(), reasons.toString());
        assertTrue(reasons.get(bad1.id()).contains("attendees[0]"), reasons.toString());
        assertTrue(reasons.get(bad2.id()).contains("absentees[0].reason"), reasons.toString());
        assertEquals(0, Db.count("select count(*) from meeting where meeting_id in (?, ?)", unknown.get("meetingId"), noReason.get("meetingId")));
        completions(unit.code(), YEAR + "-08").body("memberId", equalTo(List.of(m.get(0))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.hamcrest.Matcher everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
