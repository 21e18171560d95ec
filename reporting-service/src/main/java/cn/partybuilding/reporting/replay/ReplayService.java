package cn.partybuilding.reporting.replay;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.KafkaClients;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.eventing.consume.IdempotentHandler;
import cn.partybuilding.eventing.consume.ManagedConsumer;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.facts.FactTables;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Rebuilds every aggregate from the topics: stops the consumer {@code ingest}, empties the fact tables and the consumed
 * event ids, reads the consumer's topics from offset 0 up to the end offsets captured at the start with a consumer of its
 * own (assigned partitions, nothing committed), applying each poll through the same rules ({@link FactBatchHandler}) and
 * the platform's idempotent handling (one transaction per poll, ids recorded, the fallback for refused values; counters
 * tagged {@code consumer="replay"}), then restarts the consumer, which resumes from its committed offsets (what the replay
 * already applied is skipped by event id or natural key). Published rankings, grades, annual results and debrief scores
 * are kept. Events that were dead-lettered are skipped again. While it runs, live figures are partial.
 */
@ApplicationScoped
public class ReplayService {
    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    public record Status(State state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long records, long skipped,
                         Map<String, Long> endOffsets, String error) {
    }

    @Inject
    EventConsumers consumers;

    @Inject
    FactBatchHandler applier;



    @Inject
    KafkaClients kafkaClients;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Inject
    Clock clock;

    private volatile Status status = new Status(State.IDLE, null, null, 0, 0, Map.of(), null);

    public Status status() {
        return status;
    }

    public synchronized Status start() {
        if (status.state() == State.RUNNING) {
            throw ProblemException.conflict("重建正在进行中", "replay", "already running");
        }
        status = new Status(State.RUNNING, OffsetDateTime.now(clock), null, 0, 0, Map.of(), null);
        Thread worker = new Thread(this::run, "reporting-replay");
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    private void run() {
        OffsetDateTime started = status.startedAt();
        ManagedConsumer consumer = consumers.get(FactBatchHandler.CONSUMER);
        IdempotentHandler handler = consumers.idempotent("replay", applier);
        boolean wasRunning = consumer.running();
        long records = 0;
        long skipped = 0;
        Map<String, Long> ends = new java.util.TreeMap<>();
        try {
            consumer.stop();
            truncate();
            factsVersion.bump();
            // the platform's Kafka client settings (servers, security) under the replay's own; partitions are assigned and
            // nothing is committed, so the group (the consumer's, suffixed) neither joins nor moves the consumer's offsets
            Properties props = kafkaClients.consumer(consumer.groupId() + "-replay", Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024));
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : consumer.topics()) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                }
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                Map<TopicPartition, Long> endOffsets = kafka.endOffsets(partitions);
                endOffsets.forEach((tp, offset) -> ends.put(tp.toString(), offset));
                while (!reached(kafka, endOffsets)) {
                    ConsumerRecords<String, byte[]> polled = kafka.poll(Duration.ofMillis(500));
                    List<IncomingEvent> batch = new ArrayList<>(polled.count());
                    for (ConsumerRecord<String, byte[]> record : polled) {
                        Long end = endOffsets.get(new TopicPartition(record.topic(), record.partition()));
                        if (end == null || record.offset() >= end) {
                            continue;
                        }
                        records++;
                        try {
                            CloudEvent event = CloudEventCodec.read(record.value());
                            batch.add(new IncomingEvent(event, record));
                        } catch (InvalidEventException e) {
                            skipped++;
                        }
                    }
                    if (!batch.isEmpty()) {
                        skipped += handler.handle(batch).size();
                    }
                    status = new Status(State.RUNNING, started, null, records, skipped, ends, null);
                }
            }
            status = new Status(State.DONE, started, OffsetDateTime.now(clock), records, skipped, ends, null);
            LOG.infof("replay done: %d records, %d skipped", records, skipped);
        } catch (Exception e) {
            LOG.error("replay failed", e);
            status = new Status(State.FAILED, started, OffsetDateTime.now(clock), records, skipped, ends, String.valueOf(e.getMessage()));
        } finally {
            factsVersion.bump();
            if (wasRunning) {
                consumer.start();
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (kafka.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void truncate() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                FactTables.emptyAll(c);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot empty the fact tables", e);
            }
        });
    }
}
