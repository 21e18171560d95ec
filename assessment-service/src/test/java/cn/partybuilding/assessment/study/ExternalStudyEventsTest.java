package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
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
class ExternalStudyEventsTest {
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
        TopicProbe.publish(bootstrap, Topics.STUDY, event);
        TopicProbe.publish(bootstrap, Topics.STUDY, event);                                         // the same event twice
        TopicProbe.publish(bootstrap, Topics.STUDY, foreign(EventTypes.STUDY_COMPLETED, unit.code(), data)); // same facts, new id
        TopicProbe.publish(bootstrap, Topics.STUDY, foreign(EventTypes.PLATFORM_POINTS_RECORDED, unit.code(),
                Map.of("memberId", member, "unitCode", unit.code(), "date", "2015-03-06", "points", 44)));
        TopicProbe.publish(bootstrap, Topics.STUDY, foreign(EventTypes.EXAM_GRADED, unit.code(),
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

    @Test
    void anEventForAnUnknownMemberIsDeadLetteredWithTheReason() {
        String unit = Fixtures.unit("县档案馆");
        CloudEvent event = foreign(EventTypes.STUDY_COMPLETED, unit, Map.of("memberId", "NOBODY-" + unit, "unitCode", unit,
                "activityType", "THEME_DAY", "date", "2015-04-10"));
        TopicProbe.publish(bootstrap, Topics.STUDY, event);
        TopicProbe.publish(bootstrap, Topics.STUDY, unit, "not json at all".getBytes(StandardCharsets.UTF_8));
        String dlt = Topics.deadLetter(Topics.STUDY, "assessment-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(30),
                seen -> seen.stream().filter(r -> unit.equals(r.key())).count() >= 2);
        List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> unit.equals(r.key())).toList();
        assertEquals(2, mine.size());
        assertTrue(mine.stream().anyMatch(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER).contains("unknown memberId")),
                mine.stream().map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).toList().toString());
    }
}
