package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.eventing.cluster.SessionLease;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows to Kafka in commit order, one Kafka transaction per batch, then
 * marks them sent. While the broker is down rows accumulate and writes keep succeeding; the relay
 * retries with a backoff and drains the backlog when the broker returns.
 *
 * <p>Why a transactional producer: a batch that fails half-way is aborted, so read_committed consumers
 * never see a partial batch and the retry does not duplicate it. The one remaining window (broker
 * committed, process died before the rows were marked) re-sends the same event ids, which every
 * consumer deduplicates.
 *
 * <p>Several instances against one database: only the one holding the {@link SessionLease} "outbox-relay" publishes, so
 * the rows still go out in seq order (per-unit order on every partition). The others stay standby and try the lease every
 * {@code outbox.lease-retry}; when the holder dies its session ends, PostgreSQL frees the lock and a standby takes over.
 * All instances share one transactional id, so the new holder's producer fences a holder that lost its session but still
 * runs (its open Kafka transaction is aborted, its commit fails) and no two relays publish at once.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    KafkaClients kafkaClients;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile Instant lastError;
    private volatile String lastErrorMessage;
    private volatile boolean running;
    private volatile boolean active;
    private SessionLease lease;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private AutoCloseable producerMetrics;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get).description("outbox rows not yet published to Kafka").register(registry);
        Gauge.builder("outbox.published", published, AtomicLong::get).description("events published by this process").register(registry);
        Gauge.builder("outbox.relay.active", this, r -> r.active ? 1 : 0)
                .description("1 on the instance whose relay holds the lease and publishes, 0 on a standby").register(registry);
        if (!config.relayEnabled()) {
            return;
        }
        start();
    }

    /** Starts the relay thread: it takes the lease or waits as a standby. Package-visible for tests (a second relay). */
    void start() {
        lease = new SessionLease(dataSource, "outbox-relay");
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops the thread and gives the lease up at once, so a standby takes over without waiting for this session to end. */
    void stop() {
        running = false;
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
        if (lease != null) {
            lease.release();
        }
        active = false;
    }

    /** Called after an append so a new event goes out without waiting for the poll interval. */
    void wakeUp() {
        wakeUp.release();
    }

    public long backlog() {
        return backlog.get();
    }

    public long published() {
        return published.get();
    }

    /** Whether this instance's relay holds the lease and publishes (false on a standby and when the relay is disabled). */
    public boolean active() {
        return active;
    }

    public String lastErrorMessage() {
        return lastError == null ? null : lastError + ": " + lastErrorMessage;
    }

    private void run() {
        long lastCleanup = 0;
        while (running) {
            try {
                if (!holdLease()) {
                    countBacklog();
                    sleep(config.leaseRetry().toMillis());
                    continue;
                }
                int sent = relayOnce();
                if (System.currentTimeMillis() - lastCleanup > 600_000) {
                    deleteOldSentRows();
                    lastCleanup = System.currentTimeMillis();
                }
                if (sent == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                lastError = Instant.now();
                lastErrorMessage = e.getMessage();
                LOG.warnf("outbox relay: %s (retrying in %s, backlog %d)", e.getMessage(), config.retryBackoff(), backlog.get());
                closeProducer();
                if (!lease.held()) {
                    stepDown();
                }
                sleep(config.retryBackoff().toMillis());
            }
        }
    }

    /**
     * Keeps or takes the lease. Checked before every batch: a relay whose session died (and with it its lock) stops
     * publishing before its next batch, and a producer it still has is closed (the new holder fences it anyway).
     */
    private boolean holdLease() throws SQLException {
        if (lease.tryHold()) {
            if (!active) {
                active = true;
                LOG.infof("outbox relay: this instance holds the lease and publishes (was standby)");
            }
            return true;
        }
        stepDown();
        return false;
    }

    private void stepDown() {
        if (active) {
            active = false;
            LOG.warnf("outbox relay: lease lost, standing by (another instance publishes)");
        }
        closeProducer();
    }

    /** A standby's view of the backlog, for its readiness and metrics (one count per lease retry). */
    private void countBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_event where sent_at is null");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
        }
    }

    /** Publishes one batch; returns how many rows were sent. Package-visible for tests. */
    int relayOnce() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement count = connection.prepareStatement("select count(*) from outbox_event where sent_at is null");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                backlog.set(rs.getLong(1));
            }
            if (backlog.get() == 0) {
                return 0;
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select seq, topic, message_key, payload, traceparent from outbox_event where sent_at is null order by seq limit ?")) {
                select.setInt(1, config.batchSize());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, byte[]> kafka = producer();
        kafka.beginTransaction();
        try {
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic, row.key, row.payload.getBytes(StandardCharsets.UTF_8));
                record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                if (row.traceparent != null) {
                    // the envelope's traceparent again, for tools that read trace context from headers
                    record.headers().add(new RecordHeader(TraceContext.TRACEPARENT, row.traceparent.getBytes(StandardCharsets.UTF_8)));
                }
                kafka.send(record);
            }
        } catch (RuntimeException e) {
            abortQuietly(kafka);
            throw e;
        }
        commit(kafka);
        markSent(rows);
        published.addAndGet(rows.size());
        backlog.addAndGet(-rows.size());
        return rows.size();
    }

    /**
     * Commits the Kafka transaction. A commit that timed out (the broker went away) may already be recorded by the
     * transaction coordinator: aborting and sending the rows again would then publish them twice. So a timed-out
     * commit is retried until it completes, as the producer's contract allows; only then are the rows marked sent.
     */
    private void commit(KafkaProducer<String, byte[]> kafka) {
        while (true) {
            try {
                kafka.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (!running) {
                    throw e;
                }
                lastError = Instant.now();
                lastErrorMessage = "commit pending: " + e.getMessage();
                LOG.warnf("outbox relay: commit of %s timed out, retrying (backlog %d)", config.transactionalId(), backlog.get());
                sleep(config.retryBackoff().toMillis());
            } catch (RuntimeException e) {
                abortQuietly(kafka);
                throw e;
            }
        }
    }

    private static void abortQuietly(KafkaProducer<String, byte[]> kafka) {
        try {
            kafka.abortTransaction();
        } catch (RuntimeException ignored) {
            // the producer is closed and rebuilt by the caller
        }
    }

    private void markSent(List<Row> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update outbox_event set sent_at = ? where seq = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (Row row : rows) {
                update.setTimestamp(1, now);
                update.setLong(2, row.seq);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Retention; run by the active relay only, so once per cluster. */
    private void deleteOldSentRows() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from outbox_event where sent_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retainSent())));
            delete.executeUpdate();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = producerSettings();
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(java.time.Duration.ZERO);
                throw e;
            }
            producer = created;
            producerMetrics = kafkaClients.bind(created, "role", "outbox-relay");
        }
        return producer;
    }

    /** The relay's producer settings: {@code kafka.*} (servers, security) and the relay's own, which win. */
    public Properties producerSettings() {
        java.util.Map<String, Object> own = new java.util.HashMap<>();
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        own.put(ProducerConfig.ACKS_CONFIG, "all");
        // A stable id: a rebuilt producer fences its predecessor and aborts what it left open, so
        // read_committed consumers are not held back by a dangling transaction.
        own.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        own.put(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId());
        own.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        own.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        own.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        own.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        own.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30000);
        return kafkaClients.producer(own);
    }

    private void closeProducer() {
        if (producerMetrics != null) {
            try {
                producerMetrics.close();
            } catch (Exception ignored) {
                // metrics of a closed producer; nothing to keep
            }
            producerMetrics = null;
        }
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a producer of a dead broker may complain; we rebuild it anyway
            }
            producer = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long seq, String topic, String key, String payload, String traceparent) {
    }
}
