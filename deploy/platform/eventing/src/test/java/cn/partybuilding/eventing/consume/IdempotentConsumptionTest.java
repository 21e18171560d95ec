package cn.partybuilding.eventing.consume;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.eventing.sample.SampleApplier;
import cn.partybuilding.local.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's consumer promises, through the broker and PostgreSQL: every legal id is accepted however long; an
 * event whose value the database refuses is dead-lettered with the database's reason while the rest of its poll is
 * applied and the partition moves on; an event the rules reject is dead-lettered with the rules' reason; a
 * redelivered id changes nothing.
 */
@QuarkusTest
@PlatformTestResources
class IdempotentConsumptionTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventConsumers consumers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void poisonValueIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String unit = "U-POISON";
        String longId = "urn:learning-platform:xuexi-qiangguo:county-organs:2026:weekly-study:" + "x".repeat(300);
        CloudEvent first = event(longId, unit, "first");
        CloudEvent poison = event("poison-1", unit, "far-too-long-for-the-column");
        CloudEvent rejected = event("reject-1", unit, "reject");
        CloudEvent after = event("after-1", unit, "after");
        // one partition (same key), in this order: the poison must not hold back "after"
        for (CloudEvent e : List.of(first, poison, rejected, first, after)) {
            TopicProbe.publish(bootstrap, SampleApplier.TOPIC, e);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> labels().containsKey("after-1"));
        Map<String, String> stored = labels();
        assertEquals("first", stored.get(longId), "an id of " + longId.length() + " characters is accepted, and applied once");
        assertFalse(stored.containsKey("poison-1") || stored.containsKey("reject-1"), stored.toString());

        String dlt = consumers.get("sample").deadLetterTopic(SampleApplier.TOPIC);
        assertEquals(Topics.deadLetter(SampleApplier.TOPIC, "eventing-test"), dlt);
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(20), records -> records.size() >= 2);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : dead) {
            reasons.put(TopicProbe.parseOrNull(record).id(), TopicProbe.header(record, "dead-letter-reason"));
        }
        assertTrue(reasons.get("poison-1").startsWith("refused by the database:"), reasons.toString());
        assertTrue(reasons.get("poison-1").contains("value too long for type character varying(8)"), reasons.toString());
        assertFalse(reasons.get("poison-1").contains("far-too-long"), "the server's reason, not the batch statement with its values: " + reasons);
        assertEquals("label says reject", reasons.get("reject-1"));
        assertEquals(2, reasons.size(), "nothing else dead-lettered: " + reasons);

        // a redelivery (here: the same id published again) changes nothing
        TopicProbe.publish(bootstrap, SampleApplier.TOPIC, event(longId, unit, "again"));
        TopicProbe.publish(bootstrap, SampleApplier.TOPIC, event("after-2", unit, "after2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> labels().containsKey("after-2"));
        assertEquals("first", labels().get(longId));
        assertEquals(1, count("select count(*) from consumed_event where event_id = '" + longId + "'"));
        assertEquals(0, count("select count(*) from consumed_event where event_id in ('poison-1', 'reject-1')"),
                "dead-lettered ids stay unrecorded, so a lost dead letter is sent again on redelivery");
    }

    private static CloudEvent event(String id, String unit, String label) {
        return CloudEvent.withId(id, "/learning-platform", EventTypes.STUDY_COMPLETED, unit, OffsetDateTime.now(),
                CloudEventCodec.toTree(Map.of("label", label)));
    }

    private Map<String, String> labels() throws Exception {
        Map<String, String> labels = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_id, label from sample_fact")) {
            while (rs.next()) {
                labels.put(rs.getString(1), rs.getString(2));
            }
        }
        return labels;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
