package cn.partybuilding.reporting.ingest;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.eventing.consume.IdempotentHandler;
import cn.partybuilding.eventing.consume.ManagedConsumer;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.reporting.support.ConsumerCounters;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not part of the default run ({@code -Dprobe.ingest=true} enables it; {@code -Dprobe.events=N}, default 200,000): study
 * completions through the real broker and the consumer {@code ingest}, and straight through the platform's idempotent handler
 * with the ingest's rules (no broker) in batches of 5,000; prints events per second. Figures, not assertions: the machine is shared.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
@EnabledIfSystemProperty(named = "probe.ingest", matches = "true")
class IngestThroughputProbe {
    @Inject
    FactBatchHandler handler;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventConsumers consumers;


    @Inject
    MeterRegistry registry;

    /** The same events through the real broker and the consumer loop: from the first poll to the last committed batch. */
    @Test
    void throughTheBroker() throws Exception {
        int total = Integer.getInteger("probe.events", 200_000);
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap, KafkaAccess.LEARNING_PLATFORM.name()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        ManagedConsumer consumer = consumers.get(FactBatchHandler.CONSUMER);
        consumer.stop(); // publish everything first, then measure the consumer alone
        double before = ConsumerCounters.handled(registry, FactBatchHandler.CONSUMER);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < total; i++) {
                String unit = "B" + (i % 500);
                CloudEvent event = CloudEvent.of("/probe", EventTypes.STUDY_COMPLETED, unit, CloudEventCodec.toTree(Map.of(
                        "memberId", "BM" + (i % 50_000), "unitCode", unit, "activityType", "THEME_DAY",
                        "date", LocalDate.of(2024, 1 + (i / 50_000) % 12, 1 + (i / 600_000) % 28).toString(), "minutes", 45)));
                producer.send(new ProducerRecord<>(Topics.STUDY, unit, CloudEventCodec.write(event)));
            }
            producer.flush();
        } finally {
            consumer.start();
        }
        long start = System.nanoTime();
        long deadline = start + 600_000_000_000L;
        double firstBatch = 0;
        long firstAt = 0;
        double done;
        while ((done = ConsumerCounters.handled(registry, FactBatchHandler.CONSUMER) - before) < total && System.nanoTime() < deadline) {
            if (firstAt == 0 && done > 0) {
                firstBatch = done;
                firstAt = System.nanoTime();
            }
            Thread.sleep(5);
        }
        long end = System.nanoTime();
        System.out.printf("INGEST PROBE (broker): %.0f of %d study completions committed in %.2f s including the group join; "
                        + "%.0f events/s after the first committed batch (%.0f events in %.2f s)%n",
                done, total, (end - start) / 1e9, (total - firstBatch) / ((end - firstAt) / 1e9), total - firstBatch, (end - firstAt) / 1e9);
    }

    @Test
    void studyCompletionsPerSecond() throws Exception {
        int total = Integer.getInteger("probe.events", 200_000);
        int batchSize = 5000;
        String[] types = {"WEEKLY_STUDY", "MONTHLY_DISCUSSION", "THEME_DAY", "PARTY_LECTURE"};
        List<List<IncomingEvent>> batches = new ArrayList<>();
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int unit = i % 500;
            int member = i % 50_000;
            LocalDate day = LocalDate.of(2025, 1 + (i / 50_000) % 12, 1 + (i / 600_000) % 28);
            CloudEvent event = CloudEvent.of("/probe", EventTypes.STUDY_COMPLETED, "P" + unit, CloudEventCodec.toTree(Map.of(
                    "memberId", "PM" + member, "unitCode", "P" + unit, "activityType", types[(i / 50_000 / 12) % 4], "date", day.toString(), "minutes", 45)));
            byte[] bytes = CloudEventCodec.write(event);
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.STUDY, 0, i, "P" + unit, bytes);
            batch.add(new IncomingEvent(CloudEventCodec.read(bytes), record));
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        IdempotentHandler idempotent = consumers.idempotent("probe", handler);
        double before = ConsumerCounters.events(registry, "probe", "applied");
        long start = System.nanoTime();
        for (List<IncomingEvent> b : batches) {
            assertEquals(0, idempotent.handle(b).size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("INGEST PROBE: %d study completions in %.2f s = %.0f events/s (handler + PostgreSQL, batches of %d)%n",
                total, seconds, total / seconds, batchSize);
        assertEquals(total, ConsumerCounters.events(registry, "probe", "applied") - before, 0.1);
    }
}
