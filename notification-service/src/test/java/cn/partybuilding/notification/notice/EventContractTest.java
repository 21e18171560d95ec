package cn.partybuilding.notification.notice;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.escalation.EscalationJob;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event type the service publishes (notice.issued, notice.acknowledged, notice.escalated) read back from its topic
 * through the real broker and checked against asyncapi.yaml: topic, key = subject, envelope, payload schema (closed:
 * no field the contract does not name).
 */
@QuarkusTest
class EventContractTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final String UNIT = "K801";
    private static final String ITEM = "K801-ITEM-9";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Inject
    EscalationJob job;

    @Test
    void everyPublishedTypeArrivesOnItsTopicWithTheDocumentedSchema() {
        clock.setLocal(LocalDateTime.of(2027, 3, 3, 9, 0)); // a Wednesday
        Reporting.publish(bootstrap,
                Reporting.request("STUDY_REMINDER", new Recipient("K801-M1", "MEMBER", "孙一", null), "2027-02", UNIT, "县科技局", null,
                        Map.of("completionRate", 0.4)),
                Reporting.request("CRITICISM", new Recipient("K801-SEC", "UNIT_SECRETARY", "周书记", null), "2027-02", UNIT, "县科技局", null,
                        Map.of("rank", 30, "score", 71.5)),
                // a committee-level notice without a unit: its events are keyed COMMITTEE
                Reporting.request("RECTIFICATION_OVERDUE", new Recipient("COMMITTEE", "COMMITTEE", null, null), ITEM, null, null, null,
                        Map.of("itemId", ITEM, "description", "主题党日未开展")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            asAdmin().get("/inbox/K801-M1").then().body("$", hasSize(1));
            asAdmin().get("/inbox/K801-SEC").then().body("$", hasSize(1));
            asAdmin().get("/notices?type=RECTIFICATION_OVERDUE&period=" + ITEM).then().body("$", hasSize(1));
        });
        String member = asAdmin().get("/inbox/K801-M1").then().extract().jsonPath().getString("[0].id");
        String sunYi = TestTokens.person("member-k801-m1", "孙一", "MEMBER").unit(UNIT).member("K801-M1").sign();
        given().auth().oauth2(sunYi).contentType(ContentType.JSON).body("{}").post("/notices/" + member + "/acknowledge").then().statusCode(200);
        // Thu 4, Fri 5, Mon 8 are the three working days; on Tuesday 9 the secretary's criticism escalates
        clock.setLocal(LocalDateTime.of(2027, 3, 9, 9, 0));
        assertEquals(1, job.escalateDue().stream().filter(n -> UNIT.equals(n.unitCode)).count());

        Map<String, Integer> expected = new TreeMap<>(Map.of(
                EventTypes.NOTICE_ISSUED, 4, // two of the unit, the committee's, and the 督办通知 to the principal leader
                EventTypes.NOTICE_ACKNOWLEDGED, 1,
                EventTypes.NOTICE_ESCALATED, 1));
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, Topics.NOTIFICATION, Duration.ofSeconds(60),
                seen -> expected.entrySet().stream().allMatch(e -> ours(seen, e.getKey()).size() >= e.getValue()));

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<ConsumerRecord<String, byte[]>> mine = ours(records, e.getKey());
            if (mine.size() != e.getValue()) {
                problems.add(e.getKey() + ": expected " + e.getValue() + " event(s), found " + mine.size());
            }
            for (ConsumerRecord<String, byte[]> record : mine) {
                CloudEvent event = TopicProbe.parseOrNull(record);
                if (!record.topic().equals(CONTRACT.topicOf(event.type()))) {
                    problems.add(event.type() + " on " + record.topic() + ", contract says " + CONTRACT.topicOf(event.type()));
                }
                if (!event.subject().equals(record.key())) {
                    problems.add(event.type() + ": key " + record.key() + " != subject " + event.subject());
                }
                if (!"/notification-service".equals(event.source()) || !EventTypes.dataschema(event.type()).equals(event.dataschema())
                        || event.time() == null || !"1.0".equals(event.specversion())) {
                    problems.add(event.type() + ": envelope " + event);
                }
                CONTRACT.violations(event.type(), event.data()).forEach(v -> problems.add(event.type() + ": " + v));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        CloudEvent committee = ours(records, EventTypes.NOTICE_ISSUED).stream().map(TopicProbe::parseOrNull)
                .filter(ev -> ev.data().path("noticeKey").asText().endsWith(ITEM)).findFirst().orElseThrow();
        assertEquals(Topics.COMMITTEE_SUBJECT, committee.subject());
        CloudEvent acknowledged = TopicProbe.parseOrNull(ours(records, EventTypes.NOTICE_ACKNOWLEDGED).get(0));
        assertEquals("孙一", acknowledged.data().path("acknowledgedBy").asText());
        assertEquals(member, acknowledged.data().path("noticeId").asText());
        CloudEvent escalated = TopicProbe.parseOrNull(ours(records, EventTypes.NOTICE_ESCALATED).get(0));
        assertEquals("CRITICISM|K801-SEC|2027-02", escalated.data().path("noticeKey").asText());
        assertEquals("K801:PRINCIPAL_LEADER", escalated.data().path("escalatedTo").asText());
        assertEquals(1, escalated.data().path("escalationLevel").asInt());
    }

    /** This test's events of one type: its unit's, and the committee's notice about its item. */
    private static List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records, String type) {
        return records.stream().filter(r -> {
            CloudEvent event = TopicProbe.parseOrNull(r);
            return event != null && type.equals(event.type()) && (UNIT.equals(r.key())
                    || Topics.COMMITTEE_SUBJECT.equals(r.key()) && event.data().path("noticeKey").asText().endsWith("|" + ITEM));
        }).toList();
    }

    /** Reads as the committee, which sees every notice. */
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
