package cn.partybuilding.eventing;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's promises, through a real broker: a crash after the database commit but before the offset commit
 * redelivers the batch and an idempotent handler counts nothing twice; a poison record goes to the dead-letter topic
 * with its reason and the rest flows on; one unit's events arrive in order.
 */
class BatchConsumerLoopTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.temporary().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void crashBetweenDatabaseAndOffsetCommitCountsNothingTwice() throws Exception {
        String topic = "loop.test.v1";
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String unit = "U" + (i % 5);
            CloudEvent event = CloudEvent.of("/test", EventTypes.STUDY_COMPLETED, unit,
                    CloudEventCodec.toTree(Map.of("memberId", unit + "-M", "seq", i)));
            TopicProbe.publish(broker.bootstrapServers(), topic, event);
            sent.add(event.id());
            if (i == 50) {
                TopicProbe.publish(broker.bootstrapServers(), topic, "U0", "{not json".getBytes(StandardCharsets.UTF_8));
            }
        }

        // the "database": applied event ids, and per unit the sequence numbers in the order they were applied
        Map<String, Boolean> applied = new ConcurrentHashMap<>();
        Map<String, List<Integer>> orderPerUnit = new LinkedHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        BatchHandler handler = batch -> {
            deliveries.addAndGet(batch.size());
            synchronized (orderPerUnit) {
                for (IncomingEvent e : batch) {
                    if (applied.putIfAbsent(e.id(), true) == null) {
                        orderPerUnit.computeIfAbsent(e.event().subject(), u -> new ArrayList<>()).add(e.event().data().get("seq").asInt());
                    }
                }
            }
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("process died after the database commit, before the offset commit");
            }
            return List.of();
        };

        try (BatchConsumerLoop loop = loop("loop-test", topic, handler, 30)) {
            loop.start("loop-test");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((applied.size() < 100 || loop.deadLettered() < 1) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(100, applied.size(), "every event applied");
            assertTrue(crashed.get());
            assertTrue(deliveries.get() > 100, "the crashed batch was delivered again: " + deliveries.get());
            for (Map.Entry<String, List<Integer>> unit : orderPerUnit.entrySet()) {
                List<Integer> sorted = new ArrayList<>(unit.getValue());
                Collections.sort(sorted);
                assertEquals(sorted, unit.getValue(), "order of " + unit.getKey());
            }
        }

        var deadLetters = TopicProbe.readUntil(broker.bootstrapServers(), Topics.deadLetter(topic, "loop-test"), Duration.ofSeconds(20),
                seen -> !seen.isEmpty());
        assertEquals(1, deadLetters.size());
        assertTrue(TopicProbe.header(deadLetters.get(0), Topics.DLT_REASON_HEADER).startsWith("not JSON"));
        assertEquals("{not json", new String(deadLetters.get(0).value(), StandardCharsets.UTF_8));
    }

    /** Polls of thousands of records are parsed by several threads; the handler still sees them in poll order. */
    @Test
    void largePollsParsedInParallelKeepEachUnitsOrder() throws Exception {
        String topic = "loop.large.v1";
        int total = 12_000;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < total; i++) {
                String unit = "L" + (i % 7);
                CloudEvent event = CloudEvent.of("/test", EventTypes.STUDY_COMPLETED, unit, CloudEventCodec.toTree(Map.of("seq", i)));
                producer.send(new ProducerRecord<>(topic, unit, CloudEventCodec.write(event)));
                if (i % 4_000 == 1_234) {
                    producer.send(new ProducerRecord<>(topic, unit, ("{broken " + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        Map<String, List<Integer>> orderPerUnit = new LinkedHashMap<>();
        AtomicInteger largest = new AtomicInteger();
        BatchHandler handler = batch -> {
            largest.accumulateAndGet(batch.size(), Math::max);
            synchronized (orderPerUnit) {
                batch.forEach(e -> orderPerUnit.computeIfAbsent(e.event().subject(), u -> new ArrayList<>()).add(e.event().data().get("seq").asInt()));
            }
            return List.of();
        };
        try (BatchConsumerLoop loop = loop("loop-large", topic, handler, 5_000)) {
            loop.start("loop-large");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((loop.applied() < total || loop.deadLettered() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(total, loop.applied());
            assertEquals(3, loop.deadLettered());
        }
        assertTrue(largest.get() >= 1_000, "a poll large enough to be parsed in parallel: " + largest.get());
        int seen = 0;
        for (Map.Entry<String, List<Integer>> unit : orderPerUnit.entrySet()) {
            List<Integer> sorted = new ArrayList<>(unit.getValue());
            Collections.sort(sorted);
            assertEquals(sorted, unit.getValue(), "order of " + unit.getKey());
            seen += unit.getValue().size();
        }
        assertEquals(total, seen);
    }

    private static BatchConsumerLoop loop(String group, String topic, BatchHandler handler, int maxPollRecords) {
        Properties servers = new Properties();
        servers.put("bootstrap.servers", broker.bootstrapServers());
        return new BatchConsumerLoop(group, List.of(topic), handler, servers, servers, maxPollRecords, Duration.ofMillis(200), consumer -> () -> { });
    }
}
