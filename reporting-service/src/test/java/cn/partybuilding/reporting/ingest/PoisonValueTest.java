package cn.partybuilding.reporting.ingest;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static cn.partybuilding.reporting.support.Db.count;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingest through the real broker when the database refuses a value that the parsing lets through (a score beyond the
 * {@code numeric(10,2)} of the assessment table): that event is dead-lettered with the database's reason, the events of
 * the same unit (same key, same partition) sent before and after it are applied, and the partition moves on. A legitimate
 * event id of 300+ characters (a learning platform's URN) is applied and kept whole, for an event tracked by id and for a
 * study completion (deduplicated by its natural key). The unit and month are this test's own (2031-05, no indicator
 * system): the scenario test's rankings do not see them.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class PoisonValueTest {
    private static final String UNIT = "PV-U1";
    private static final String PERIOD = "2031-05";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventConsumers consumers;

    @Test
    void aRefusedValueIsDeadLetteredWhileTheEventsAroundItAreApplied() throws Exception {
        String longId = "urn:county-assessment-platform:organs-working-committee:assessment:" + PERIOD + ":" + "x".repeat(260);
        String longStudyId = "urn:learning-platform:xuexi-qiangguo:county-organs:weekly-study:" + "y".repeat(260);
        assertTrue(longId.length() > 300 && longStudyId.length() > 300);
        CloudEvent before = score(longId, "P1", 55, 1);
        CloudEvent poison = score("pv-poison", "P2", 123_456_789.5, 1); // numeric(10,2) holds at most 99,999,999.99
        CloudEvent after = score("pv-after", "P3", 40, 1);
        CloudEvent completion = CloudEvent.withId(longStudyId, "/learning-platform", EventTypes.STUDY_COMPLETED, UNIT, OffsetDateTime.now(),
                CloudEventCodec.toTree(Map.of("memberId", "PV-M1", "unitCode", UNIT, "activityType", "WEEKLY_STUDY", "date", PERIOD + "-05")));
        publish(Topics.ASSESSMENT, before, poison, after);
        publish(Topics.STUDY, completion);

        await().atMost(Duration.ofSeconds(60)).until(() -> scores().containsKey("P3"));
        Map<String, String[]> scores = scores();
        assertEquals("55.00", scores.get("P1")[0]);
        assertEquals(longId, scores.get("P1")[1], "the whole " + longId.length() + "-character id is kept");
        assertEquals("40.00", scores.get("P3")[0]);
        assertFalse(scores.containsKey("P2"), "the refused score is not stored");

        String dlt = consumers.get(FactBatchHandler.CONSUMER).deadLetterTopic(Topics.ASSESSMENT);
        assertEquals(Topics.deadLetter(Topics.ASSESSMENT, "reporting-service"), dlt);
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> UNIT.equals(r.key())));
        Map<String, String> reasons = new HashMap<>();
        dead.stream().filter(r -> UNIT.equals(r.key()))
                .forEach(r -> reasons.put(TopicProbe.parseOrNull(r).id(), TopicProbe.header(r, Topics.DLT_REASON_HEADER)));
        assertEquals(List.of("pv-poison"), List.copyOf(reasons.keySet()), "only the refused event is dead-lettered: " + reasons);
        assertTrue(reasons.get("pv-poison").startsWith("refused by the database:"), reasons.toString());
        assertTrue(reasons.get("pv-poison").contains("numeric field overflow"), reasons.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> completionEventId() != null);
        assertEquals(longStudyId, completionEventId(), "a study completion's long id is kept whole");
        assertEquals(1, count(dataSource, "select count(*) from consumed_event where event_id = ?", longId), "the long id is recorded as consumed");
        assertEquals(0, count(dataSource, "select count(*) from consumed_event where event_id = ?", "pv-poison"),
                "a dead-lettered id stays unrecorded, so a lost dead letter is sent again on redelivery");
        assertEquals(0, count(dataSource, "select count(*) from consumed_event where event_id = ?", longStudyId),
                "study completions are deduplicated by their natural key, not by id");

        // the partition moved on: a later event of the same unit is applied; the long id again is a duplicate (applied, its
        // higher revision would replace the score)
        publish(Topics.ASSESSMENT, score(longId, "P1", 99, 2), score("pv-later", "P4", 30, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> scores().containsKey("P4"));
        assertEquals("55.00", scores().get("P1")[0], "a redelivered id changes nothing");
    }

    private static CloudEvent score(String id, String indicator, double score, int revision) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", UNIT + "-" + indicator + "-" + PERIOD);
        data.put("revision", revision);
        data.put("unitCode", UNIT);
        data.put("indicatorCode", indicator);
        data.put("period", PERIOD);
        data.put("score", score);
        data.put("assessor", "考核组");
        data.put("systemYear", 2031);
        data.put("systemVersion", 1);
        return CloudEvent.withId(id, "/assessment-service", EventTypes.ASSESSMENT_RECORDED, UNIT, OffsetDateTime.now(),
                CloudEventCodec.toTree(data));
    }

    /** One producer, sent back to back: the events share a poll, so the refused one's neighbours go through the fallback. */
    private void publish(String topic, CloudEvent... events) throws Exception {
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (CloudEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.subject(), CloudEventCodec.write(e)));
            }
            producer.flush();
        }
    }

    /** indicator → {score, event id} of this test's unit and month. */
    private Map<String, String[]> scores() throws Exception {
        Map<String, String[]> scores = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select indicator_code, score, event_id from assessment where unit_code = ? and period = ?")) {
            s.setString(1, UNIT);
            s.setString(2, PERIOD);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    scores.put(rs.getString(1), new String[]{rs.getBigDecimal(2).toPlainString(), rs.getString(3)});
                }
            }
        }
        return scores;
    }

    private String completionEventId() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select event_id from study_completion where member_id = 'PV-M1'");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
