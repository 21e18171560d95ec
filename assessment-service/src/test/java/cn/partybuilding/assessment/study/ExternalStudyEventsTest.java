package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Another government system publishes study events straight to party.study.v1; they count like REST submissions. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ExternalStudyEventsTest {
    /** The Kafka principal the other system signs in as: its ACLs let it write party.study.v1 only. */
    static final String LEARNING_PLATFORM = KafkaAccess.LEARNING_PLATFORM.name();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static CloudEvent foreign(String type, String unitCode, Object data) {
        return CloudEvent.of("/learning-platform", type, unitCode, CloudEventCodec.toTree(data));
    }

    @Test
    void aLearningPlatformsCompletionIsStoredOnceAndARestRepeatOfItIsIdempotent() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县融媒体中心", 2);
        String member = unit.memberIds().get(0);
        Map<String, Object> data = Map.of("memberId", member, "unitCode", unit.code(), "activityType", "WEEKLY_STUDY",
                "date", "2015-03-06", "minutes", 50);
        CloudEvent event = foreign(EventTypes.STUDY_COMPLETED, unit.code(), data);
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, event);
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, event);                                         // the same event twice
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.STUDY_COMPLETED, unit.code(), data)); // same facts, new id
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.PLATFORM_POINTS_RECORDED, unit.code(),
                Map.of("memberId", member, "unitCode", unit.code(), "date", "2015-03-06", "points", 44)));
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.EXAM_GRADED, unit.code(),
                Map.of("memberId", member, "unitCode", unit.code(), "examId", "2015-H1", "date", "2015-03-07", "score", 58, "passed", false)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().queryParam("memberId", member).queryParam("period", "2015-03").get("/study/exam-results").then().body("", hasSize(1));
            given().queryParam("memberId", member).queryParam("period", "2015-03").get("/study/platform-points").then().body("", hasSize(1));
        });
        given().queryParam("memberId", member).queryParam("period", "2015-03").get("/study/completions").then()
                .body("", hasSize(1)).body("[0].minutes", equalTo(50));
        given().queryParam("memberId", member).queryParam("period", "2015-03").get("/study/exam-results").then()
                .body("[0].passed", equalTo(false)).body("[0].passScore", equalTo(60.0f));

        long outbox = Db.outbox();
        post("/study/completions", Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", "2015-03-06")).statusCode(200);
        post("/study/platform-points", Map.of("memberId", member, "date", "2015-03-06", "points", 44)).statusCode(200);
        assertEquals(outbox, Db.outbox(), "no second event for a record another system published");
    }

    /**
     * Frozen months (issue 12.2): a record another system sends for a locked month is kept (it happened) and marked late
     * (迟报); one for an open month is not. Over REST the same write is refused (PeriodLockTest).
     */
    @Test
    void aRecordSentForALockedMonthIsKeptAndMarkedLate() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县医疗保障局", 2);
        String member = unit.memberIds().get(0);
        post("/periods/2014-06/lock", Map.of("by", "工委办公室")).statusCode(200);
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.STUDY_COMPLETED, unit.code(), Map.of("memberId", member,
                "unitCode", unit.code(), "activityType", "WEEKLY_STUDY", "date", "2014-06-09", "minutes", 40)));
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.PLATFORM_POINTS_RECORDED, unit.code(), Map.of("memberId", member,
                "unitCode", unit.code(), "date", "2014-06-10", "points", 35)));
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, foreign(EventTypes.STUDY_COMPLETED, unit.code(), Map.of("memberId", member,
                "unitCode", unit.code(), "activityType", "WEEKLY_STUDY", "date", "2014-07-07", "minutes", 40)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().queryParam("memberId", member).queryParam("period", "2014-07").get("/study/completions").then().body("", hasSize(1));
            given().queryParam("memberId", member).queryParam("period", "2014-06").get("/study/platform-points").then().body("", hasSize(1));
        });
        given().queryParam("memberId", member).queryParam("period", "2014-06").get("/study/completions").then().body("", hasSize(1));
        given().queryParam("period", "2014-06").get("/study/late").then().statusCode(200).body("", hasSize(2))
                .body("kind", org.hamcrest.Matchers.contains(EventTypes.STUDY_COMPLETED, EventTypes.PLATFORM_POINTS_RECORDED))
                .body("memberId", org.hamcrest.Matchers.everyItem(equalTo(member)));
        given().queryParam("period", "2014-07").get("/study/late").then().statusCode(200).body("", hasSize(0));
        given().get("/study/late").then().statusCode(400).contentType("application/problem+json");
    }

    /**
     * Issue 11: a value the database refuses used to fail its batch forever and block the partition, and so did a
     * learning platform's event id longer than processed_event's 64 characters. study.completed has no such value (its
     * member must be known and in the named unit, the activity type is an enum, minutes a Java int); exam.graded has two
     * the rules let through, as the contract sets no limits: an examId longer than exam_result.exam_id (64) and a score
     * beyond numeric(5,2).
     */
    @Test
    void aValueTheDatabaseRefusesIsDeadLetteredAndThePartitionMovesOn() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县地方志办公室", 2);
        String member = unit.memberIds().get(0);
        String longId = "urn:learning-platform:county-organs:2015-05-06:" + unit.code() + ":" + member + ":weekly-study:" + "0".repeat(300);
        CloudEvent before = CloudEvent.withId(longId, "/learning-platform", EventTypes.STUDY_COMPLETED, unit.code(),
                java.time.OffsetDateTime.now(), CloudEventCodec.toTree(Map.of("memberId", member, "unitCode", unit.code(),
                        "activityType", "WEEKLY_STUDY", "date", "2015-05-06", "minutes", 40)));
        CloudEvent tooLong = foreign(EventTypes.EXAM_GRADED, unit.code(), Map.of("memberId", member, "unitCode", unit.code(),
                "examId", "2015-H1-" + "theory-".repeat(10), "date", "2015-05-07", "score", 75, "passed", true));
        CloudEvent overflow = foreign(EventTypes.EXAM_GRADED, unit.code(), Map.of("memberId", member, "unitCode", unit.code(),
                "examId", "2015-H1-retake", "date", "2015-05-08", "score", 1000, "passed", true));
        CloudEvent exam = foreign(EventTypes.EXAM_GRADED, unit.code(), Map.of("memberId", member, "unitCode", unit.code(),
                "examId", "2015-H1", "date", "2015-05-07", "score", 82, "passed", true));
        CloudEvent after = foreign(EventTypes.PLATFORM_POINTS_RECORDED, unit.code(),
                Map.of("memberId", member, "unitCode", unit.code(), "date", "2015-05-09", "points", 31));
        // one key, so one partition, in this order: neither refused value may hold back the events behind it
        for (CloudEvent e : List.of(before, tooLong, overflow, exam, after)) {
            TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, e);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("memberId", member).queryParam("period", "2015-05").get("/study/platform-points").then()
                        .body("", hasSize(1)).body("[0].points", equalTo(31)));
        given().queryParam("memberId", member).queryParam("period", "2015-05").get("/study/completions").then()
                .body("", hasSize(1)).body("[0].minutes", equalTo(40));
        given().queryParam("memberId", member).queryParam("period", "2015-05").get("/study/exam-results").then()
                .body("", hasSize(1)).body("[0].examId", equalTo("2015-H1"));
        assertEquals(1, Db.count("select count(*) from consumed_event where event_id = ?", longId),
                "the " + longId.length() + "-character id is recorded as consumed");

        String dlt = Topics.deadLetter(Topics.STUDY, "assessment-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(30),
                seen -> seen.stream().filter(r -> unit.code().equals(r.key())).count() >= 2).stream()
                .filter(r -> unit.code().equals(r.key())).toList();
        Map<String, String> reasons = dead.stream().collect(java.util.stream.Collectors.toMap(
                r -> TopicProbe.parseOrNull(r).id(), r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER), (a, b) -> a));
        assertEquals(java.util.Set.of(tooLong.id(), overflow.id()), reasons.keySet(), reasons.toString());
        assertTrue(reasons.get(tooLong.id()).startsWith("refused by the database:") && reasons.get(tooLong.id()).contains("too long"),
                reasons.toString());
        assertTrue(reasons.get(overflow.id()).startsWith("refused by the database:") && reasons.get(overflow.id()).contains("overflow"),
                reasons.toString());
        assertEquals(0, Db.count("select count(*) from consumed_event where event_id in (?, ?)", tooLong.id(), overflow.id()),
                "a dead-lettered event is not recorded as consumed");
    }

    @Test
    void anEventForAnUnknownMemberIsDeadLetteredWithTheReason() {
        String unit = Fixtures.unit("县档案馆");
        CloudEvent event = foreign(EventTypes.STUDY_COMPLETED, unit, Map.of("memberId", "NOBODY-" + unit, "unitCode", unit,
                "activityType", "THEME_DAY", "date", "2015-04-10"));
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, event);
        TopicProbe.publishAs(bootstrap, LEARNING_PLATFORM, Topics.STUDY, unit, "not json at all".getBytes(StandardCharsets.UTF_8));
        String dlt = Topics.deadLetter(Topics.STUDY, "assessment-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(30),
                seen -> seen.stream().filter(r -> unit.equals(r.key())).count() >= 2);
        List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> unit.equals(r.key())).toList();
        assertEquals(2, mine.size());
        assertTrue(mine.stream().anyMatch(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER).contains("unknown memberId")),
                mine.stream().map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).toList().toString());
    }
}
