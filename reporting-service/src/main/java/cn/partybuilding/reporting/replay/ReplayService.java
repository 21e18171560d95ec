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
import cn.partybuilding.security.AuditTrail;
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
 * Rebuilds every aggregate from the topics BESIDE the live facts, then switches (issue 13.4). Steps:
 * <ol>
 *   <li>empty copies of the fact tables in the schema {@code reporting_replay} ({@link FactTables#createShadow});</li>
 *   <li>the consumer's topics read from offset 0 up to the end offsets captured then, with a consumer of its own
 *       (assigned partitions, nothing committed), each poll applied to the copies through the same rules
 *       ({@link FactBatchHandler#writingTo}) and the platform's idempotent handling (ids recorded in the copy of
 *       {@code consumed_event}; counters tagged {@code consumer="replay"}); events that were dead-lettered are skipped
 *       again. Meanwhile the consumer {@code ingest} goes on into the live tables, so live reads, publications and early
 *       warnings see the old, complete facts and every new event at once;</li>
 *   <li>one more round up to the end offsets of that moment (what arrived during step 2);</li>
 *   <li>the consumer {@code ingest} is stopped, the copies catch up to the end offsets of that moment (everything the live
 *       tables can contain), and the copies replace the live tables in one transaction ({@link FactTables#switchToShadow},
 *       retried while readers hold the tables);</li>
 *   <li>every cached figure is invalidated ({@link FactsVersion}: live rankings, scorecards, indicator systems, the
 *       precomputation) and the consumer restarts from its committed offsets; what the copies already hold is skipped by
 *       event id or natural key.</li>
 * </ol>
 * A failure before the switch drops the copies and leaves the live facts as they were. Published rankings, grades,
 * annual results and debrief scores are not facts and are never touched. Progress is fired as {@link Progress} on the
 * replay's thread after the start and after each poll.
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

    @Inject
    AuditTrail audit;

    @Inject
    jakarta.enterprise.event.Event<Progress> progress;

    /**
     * Fired synchronously on the replay's thread once the copies are made and the end offsets captured, and after each
     * poll (records read so far): an observer sees the replay's progress, and a test holds a replay mid-way with one.
     */
    public record Progress(long records) {
    }

    private volatile Status status = new Status(State.IDLE, null, null, 0, 0, Map.of(), null);

    public Status status() {
        return status;
    }

    public synchronized Status start() {
        if (status.state() == State.RUNNING) {
            throw ProblemException.conflict("重建正在进行中", "replay", "already running");
        }
        Status before = status;
        Status started = new Status(State.RUNNING, OffsetDateTime.now(clock), null, 0, 0, Map.of(), null);
        // accepted: the start is recorded (in a transaction of its own, the replay writes nothing else yet) before it runs
        QuarkusTransaction.requiringNew().run(() -> audit.accepted("replay", "facts", auditState(before), auditState(started)));
        status = started;
        Thread worker = new Thread(this::run, "reporting-replay");
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    private static Map<String, Object> auditState(Status s) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("state", s.state().name());
        state.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        state.put("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString());
        return state;
    }

    private void run() {
        OffsetDateTime started = status.startedAt();
        ManagedConsumer consumer = consumers.get(FactBatchHandler.CONSUMER);
        javax.sql.DataSource shadow = FactTables.shadow(dataSource);
        IdempotentHandler handler = consumers.idempotent("replay", applier.writingTo(shadow), shadow);
        Map<String, Long> ends = new java.util.TreeMap<>();
        long[] counts = new long[2]; // records, skipped
        try {
            inTransaction(FactTables::createShadow);
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
                status = new Status(State.RUNNING, started, null, 0, 0, ends, null);
                progress.fire(new Progress(0));
                readUpTo(kafka, endOffsets, handler, started, ends, counts);
                // what arrived meanwhile, while the live consumer still runs: keeps the pause of step 4 short
                readUpTo(kafka, kafka.endOffsets(partitions), handler, started, ends, counts);
                boolean wasRunning = consumer.running();
                consumer.stop();
                try {
                    readUpTo(kafka, kafka.endOffsets(partitions), handler, started, ends, counts);
                    switchTables();
                } finally {
                    factsVersion.bump();
                    if (wasRunning) {
                        consumer.start();
                    }
                }
            }
            status = new Status(State.DONE, started, OffsetDateTime.now(clock), counts[0], counts[1], ends, null);
            LOG.infof("replay done: %d records, %d skipped; the rebuilt facts are live", counts[0], counts[1]);
        } catch (Exception e) {
            LOG.error("replay failed; the live facts are unchanged", e);
            status = new Status(State.FAILED, started, OffsetDateTime.now(clock), counts[0], counts[1], ends, String.valueOf(e.getMessage()));
            try {
                inTransaction(FactTables::dropShadow);
            } catch (RuntimeException dropFailed) {
                LOG.warn("could not drop the replay's tables; the next replay drops them", dropFailed);
            }
        }
    }

    /** Applies the records from the current positions to the copies, poll by poll, until {@code endOffsets} are reached. */
    private void readUpTo(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> endOffsets, IdempotentHandler handler,
                          OffsetDateTime started, Map<String, Long> ends, long[] counts) {
        while (!reached(kafka, endOffsets)) {
            ConsumerRecords<String, byte[]> polled = kafka.poll(Duration.ofMillis(500));
            List<IncomingEvent> batch = new ArrayList<>(polled.count());
            // records beyond this round's end are applied too: they are events like any other, and the position has
            // moved past them
            for (ConsumerRecord<String, byte[]> record : polled) {
                counts[0]++;
                try {
                    CloudEvent event = CloudEventCodec.read(record.value());
                    batch.add(new IncomingEvent(event, record));
                } catch (InvalidEventException e) {
                    counts[1]++;
                }
            }
            if (!batch.isEmpty()) {
                counts[1] += handler.handle(batch).size();
            }
            endOffsets.forEach((tp, offset) -> ends.merge(tp.toString(), offset, Math::max));
            status = new Status(State.RUNNING, started, null, counts[0], counts[1], ends, null);
            progress.fire(new Progress(counts[0]));
        }
    }

    /**
     * The copies replace the live tables in one transaction. The switch takes the live tables' locks without waiting, so it
     * is retried (every 100 ms, for up to a minute) while readers or a last in-flight write hold them.
     */
    private void switchTables() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            boolean switched = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    if (FactTables.switchToShadow(c)) {
                        return true;
                    }
                }
                QuarkusTransaction.setRollbackOnly();
                return false;
            });
            if (switched) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fact tables stayed in use for a minute; the rebuilt tables were not switched in");
            }
            Thread.sleep(100);
        }
    }

    private interface Ddl {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Ddl ddl) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                ddl.run(c);
            } catch (SQLException e) {
                throw new IllegalStateException("replay tables: " + e.getMessage(), e);
            }
        });
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (kafka.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
