package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.DataReader;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A consumer thread that reads batches, hands the readable events to a {@link BatchHandler}, sends
 * unreadable or rejected records to a dead-letter topic with the reason in its headers, and commits
 * offsets only after the handler's database commit (and the dead letters) succeeded. A crash between
 * the two redelivers the batch, which the handler's idempotency absorbs. One thread per loop keeps
 * the order of each partition, hence of each unit.
 */
public final class BatchConsumerLoop implements Runnable, AutoCloseable {
    static {
        NativeLz4.ensureLoaded(); // before the loop's consumer: Kafka picks its lz4 decoder once
    }

    private static final Logger LOG = Logger.getLogger(BatchConsumerLoop.class);
    /**
     * A fetch is read into one buffer: 8 MB (about 20,000 of our events) keeps a service within its memory budget while
     * still filling a poll from prefetched data. Loops of one consumer that run side by side share it ({@code ManagedConsumer}).
     */
    public static final int FETCH_BUDGET_BYTES = 8 * 1024 * 1024;

    private final String groupId;
    private final List<String> topics;
    /** Per topic the handler's {@link DataReader}, or null: none (every event's data a tree). */
    private final Map<String, DataReader> dataReaders;
    private final BatchHandler handler;
    private static final java.util.concurrent.atomic.AtomicInteger LOOP_NUMBER = new java.util.concurrent.atomic.AtomicInteger();
    private final Properties consumerProps;
    private final Function<Consumer<?, ?>, AutoCloseable> metrics;
    private final Properties producerProps;
    private final Duration retryBackoff;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean fenced;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetterProducer;
    private Thread thread;
    private final java.util.concurrent.ExecutorService applier;
    /** Helps this thread parse a large poll: JSON parsing, not the database, bounds a loop on a machine with idle cores. */
    private final java.util.concurrent.ExecutorService parsers;
    private final int parseThreads;

    /**
     * @param consumerBase the consumer settings from {@code kafka.*} (bootstrap servers, security); the loop adds its own
     * @param producerBase the same for the dead-letter producer
     * @param metrics binds a new consumer's client metrics; the handle is closed with the consumer
     */
    public BatchConsumerLoop(String groupId, List<String> topics, BatchHandler handler, Properties consumerBase, Properties producerBase,
                             int maxPollRecords, Duration retryBackoff, Function<Consumer<?, ?>, AutoCloseable> metrics) {
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        // the handler's data reader of each topic, asked once; read-only afterwards, so the parsing threads share it
        Map<String, DataReader> readers = new HashMap<>();
        this.topics.forEach(topic -> readers.put(topic, handler.dataReader(topic)));
        this.dataReaders = readers;
        this.retryBackoff = retryBackoff;
        this.metrics = metrics;
        this.applier = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-applier-" + groupId);
            t.setDaemon(true);
            return t;
        });
        this.parseThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.atomic.AtomicInteger parserNumber = new java.util.concurrent.atomic.AtomicInteger();
        this.parsers = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parseThreads - 1), r -> {
            Thread t = new Thread(r, "batch-parser-" + groupId + "-" + parserNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        consumerProps = new Properties();
        consumerProps.putAll(consumerBase);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        consumerProps.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BUDGET_BYTES);
        consumerProps.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        // each loop a client id of its own, so metrics (lag per partition) tell the loops apart
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + LOOP_NUMBER.incrementAndGet());
        producerProps = new Properties();
        producerProps.putAll(producerBase);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dead-letters-" + LOOP_NUMBER.get());
    }

    /** The settings a new consumer of this loop is created with (for tests and diagnostics). */
    public Properties consumerSettings() {
        return (Properties) consumerProps.clone();
    }

    public Properties deadLetterProducerSettings() {
        return (Properties) producerProps.clone();
    }

    public String deadLetterTopic(String topic) {
        return Topics.deadLetter(topic, groupId);
    }

    public long applied() {
        return applied.get();
    }

    /** True once the loop stopped because another consumer joined under its {@code group.instance.id}. */
    public boolean fenced() {
        return fenced;
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public synchronized BatchConsumerLoop start(String threadName) {
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
                 AutoCloseable ignored = metrics.apply(c)) {
                consumer = c;
                c.subscribe(topics);
                try {
                    consume(c);
                } catch (WakeupException e) {
                    // close() asked us to stop (the service shuts down: a rolling update, a scale-down). A static member
                    // does not leave its group by default and its partitions would wait for the session timeout; the pod
                    // replacing it has another name, so this one leaves now and the others take its partitions at once.
                    // (A SIGKILLed instance cannot: it is back under its own name at once, or the session timeout covers it.)
                    if (!running) {
                        leaveGroup(c);
                    }
                    throw e;
                }
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (FencedInstanceIdException | UnreleasedInstanceIdException e) {
                // Another consumer joined under this loop's group.instance.id (two instances configured alike): the
                // broker gave it the partitions. Rejoining would fence it in turn, and the two would take the partitions
                // from each other every few seconds, so this loop stops; the other one consumes. A restart of the
                // consumer (a replay, the service) tries again.
                fenced = true;
                running = false;
                LOG.errorf("consumer %s: another instance uses the member id %s (%s); this loop stops. Give every instance its own "
                        + "eventing.instance-id", groupId, consumerProps.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), e.getMessage());
            } catch (Exception | OutOfMemoryError e) {
                // OutOfMemoryError too: the batch's memory is released with it, and a consumer thread that died
                // silently would stop the service's ingest for good while it still looks alive.
                if (!running) {
                    break;
                }
                // Nothing after the last commit counts as done: a fresh consumer resumes from there.
                LOG.warnf("consumer %s: %s; resuming from the last committed offsets in %s", groupId, e, retryBackoff);
                closeDeadLetterProducer();
                sleep(retryBackoff.toMillis());
            } finally {
                consumer = null;
            }
        }
        applier.shutdown();
        parsers.shutdown();
        closeDeadLetterProducer();
    }

    /**
     * A two-stage pipeline: while the applier thread writes batch N to the database, this thread polls and
     * parses batch N+1. Batches are applied one at a time and in poll order, so each partition's order holds;
     * offsets of batch N are committed (on this thread, as the consumer requires) only after its database
     * commit and its dead letters were acknowledged.
     */
    private void consume(KafkaConsumer<String, byte[]> c) throws Exception {
        InFlight inFlight = null;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                if (inFlight == null) {
                    records = c.poll(Duration.ofMillis(500));
                } else {
                    // While batch N is applied, wait for batch N+1 only as long as N takes: a quiet topic must
                    // not delay N's commit.
                    records = c.poll(Duration.ZERO);
                    while (records.isEmpty() && !inFlight.applied().isDone() && running) {
                        records = c.poll(Duration.ofMillis(5));
                    }
                }
                Prepared next = records.isEmpty() ? null : prepare(records);
                if (inFlight != null) {
                    finish(c, inFlight);
                    inFlight = null;
                }
                if (next != null) {
                    inFlight = submit(next);
                }
            }
        } finally {
            if (inFlight != null && running) {
                finish(c, inFlight);
            }
        }
    }

    /** A polled batch: the readable events, the unreadable records with their reasons, the offsets to commit. */
    private record Prepared(List<IncomingEvent> readable, List<Unreadable> unreadable, Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    private record Unreadable(ConsumerRecord<String, byte[]> record, String reason) {
    }

    private record InFlight(Prepared batch, Future<List<BatchHandler.Rejection>> applied) {
    }

    /** Below this many records a poll is parsed on the loop thread alone (handing over costs more than it saves). */
    private static final int PARALLEL_PARSE_MIN = 1_000;

    private Prepared prepare(ConsumerRecords<String, byte[]> records) throws Exception {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            all.add(record);
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        Object[] parsed = new Object[all.size()];
        int chunks = all.size() < PARALLEL_PARSE_MIN ? 1 : parseThreads;
        int chunkSize = (all.size() + chunks - 1) / chunks;
        List<Future<?>> helpers = new ArrayList<>();
        for (int k = 1; k < chunks; k++) {
            int from = k * chunkSize;
            helpers.add(parsers.submit(() -> parse(all, parsed, from, Math.min(all.size(), from + chunkSize))));
        }
        parse(all, parsed, 0, Math.min(all.size(), chunkSize));
        for (Future<?> helper : helpers) {
            helper.get();
        }
        // in poll order, so each partition's order holds
        List<IncomingEvent> readable = new ArrayList<>(all.size());
        List<Unreadable> unreadable = new ArrayList<>();
        for (Object p : parsed) {
            if (p instanceof IncomingEvent event) {
                readable.add(event);
            } else {
                unreadable.add((Unreadable) p);
            }
        }
        return new Prepared(readable, unreadable, offsets);
    }

    private void parse(List<ConsumerRecord<String, byte[]>> records, Object[] into, int from, int to) {
        for (int i = from; i < to; i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                CloudEventCodec.Read read = CloudEventCodec.read(record.value(), dataReaders.get(record.topic()));
                into[i] = new IncomingEvent(read.event(), record, read.data());
            } catch (InvalidEventException e) {
                into[i] = new Unreadable(record, e.getMessage());
            }
        }
    }

    private InFlight submit(Prepared batch) {
        if (batch.readable().isEmpty()) {
            return new InFlight(batch, java.util.concurrent.CompletableFuture.completedFuture(List.of()));
        }
        return new InFlight(batch, applier.submit(() -> handler.handle(batch.readable())));
    }

    private void finish(KafkaConsumer<String, byte[]> c, InFlight inFlight) throws Exception {
        List<BatchHandler.Rejection> rejections;
        try {
            rejections = inFlight.applied().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        // Dead letters go out only once the batch is applied: if the previous batch fails, this one is polled again
        // and its unreadable records must not have been dead-lettered already.
        List<Future<?>> deadLetters = new ArrayList<>();
        for (Unreadable record : inFlight.batch().unreadable()) {
            deadLetters.add(deadLetter(record.record(), record.reason()));
        }
        for (BatchHandler.Rejection rejection : rejections) {
            deadLetters.add(deadLetter(rejection.event().record(), rejection.reason()));
        }
        for (Future<?> sent : deadLetters) {
            sent.get();
        }
        applied.addAndGet(inFlight.batch().readable().size() - rejections.size());
        deadLettered.addAndGet(deadLetters.size());
        c.commitSync(inFlight.batch().offsets());
    }

    private Future<?> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(deadLetterTopic(record.topic()), record.key(), record.value());
        for (Header header : record.headers()) {
            out.headers().add(header);
        }
        out.headers().add(Topics.DLT_REASON_HEADER, utf8(reason == null ? "unknown" : reason));
        out.headers().add(Topics.DLT_TOPIC_HEADER, utf8(record.topic()));
        out.headers().add(Topics.DLT_PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        out.headers().add(Topics.DLT_OFFSET_HEADER, utf8(Long.toString(record.offset())));
        return deadLetterProducer().send(out);
    }

    private KafkaProducer<String, byte[]> deadLetterProducer() {
        if (deadLetterProducer == null) {
            deadLetterProducer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        }
        return deadLetterProducer;
    }

    private static void leaveGroup(KafkaConsumer<String, byte[]> c) {
        try {
            c.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
                    org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debugf("leaving the group on close: %s", e.toString());
        }
    }

        private void closeDeadLetterProducer() {
        if (deadLetterProducer != null) {
            deadLetterProducer.close(Duration.ofSeconds(1));
            deadLetterProducer = null;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
