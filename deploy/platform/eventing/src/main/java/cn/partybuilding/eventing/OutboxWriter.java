package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.jdbc.JdbcBatch;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Appends events to the {@code outbox_event} table inside the caller's transaction, so an event row
 * commits exactly when the data it describes commits. {@link OutboxRelay} publishes them.
 * The table is created by each service's Flyway migration (see this module's README). Each event carries the current
 * trace context ({@link TraceContext}) unless it has one.
 */
@ApplicationScoped
public class OutboxWriter {
    /**
     * The payload goes as the serialised UTF-8 bytes and PostgreSQL makes them text: decoding them into a Java string
     * for the driver to encode them again cost ~65 ms for 13,000 events (micro-benchmark).
     */
    private static final String INSERT = "insert into outbox_event (event_id, topic, message_key, payload, traceparent) "
            + "values (?, ?, ?, convert_from(?, 'UTF8'), ?)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    /** One event; the Kafka key is the event's subject. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CloudEvent event) {
        appendAll(topic, List.of(event));
    }

    /** Many events with JDBC batches (bulk study imports write thousands at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, List<CloudEvent> events) {
        appendEach(topic, events, Function.identity());
    }

    /**
     * One event per item, each made from its item only when its round trip's rows are written ({@link JdbcBatch}): a
     * publication's 13,000 notice requests never exist as events and JSON all at once, only two round trips' worth.
     * While PostgreSQL inserts one round trip's rows, the next round trip's events are serialised on another thread
     * (pure work: no connection, no transaction): the two cores share the work instead of taking turns.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void appendEach(String topic, Collection<T> items, Function<? super T, CloudEvent> toEvent) {
        if (items.isEmpty()) {
            return;
        }
        // the request's or the consumed event's trace: what this write causes is followed under its trace id
        String trace = TraceContext.current();
        Function<List<? extends T>, List<Row>> serialise = chunk -> {
            List<Row> rows = new ArrayList<>(chunk.size());
            for (T item : chunk) {
                CloudEvent event = TraceContext.stamp(toEvent.apply(item), trace);
                rows.add(new Row(event.id(), event.subject(), CloudEventCodec.write(event), event.traceparent()));
            }
            return rows;
        };
        List<T> all = items instanceof List<T> list ? list : new ArrayList<>(items);
        int step = JdbcBatch.ROWS_PER_ROUND_TRIP;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            CompletableFuture<List<Row>> next = all.size() <= step ? CompletableFuture.completedFuture(serialise.apply(all))
                    : CompletableFuture.supplyAsync(() -> serialise.apply(all.subList(0, step)), SERIALISER);
            for (int from = 0; from < all.size(); from += step) {
                List<Row> rows = joined(next);
                int following = from + step;
                if (following < all.size()) {
                    next = CompletableFuture.supplyAsync(() -> serialise.apply(all.subList(following, Math.min(all.size(), following + step))), SERIALISER);
                }
                JdbcBatch.run(insert, rows, (statement, row) -> {
                    statement.setString(1, row.eventId());
                    statement.setString(2, topic);
                    statement.setString(3, row.subject());
                    statement.setBytes(4, row.payload());
                    statement.setString(5, row.traceparent());
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write outbox: " + e.getMessage(), e);
        }
        relay.wakeUp();
    }

    /** An event as its outbox row: the payload serialised. */
    private record Row(String eventId, String subject, byte[] payload, String traceparent) {
    }

    /** One thread per service for serialising the next round trip's events (daemon: never holds the JVM open). */
    private static final ExecutorService SERIALISER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-serialiser");
        thread.setDaemon(true);
        return thread;
    });

    private static List<Row> joined(CompletableFuture<List<Row>> rows) {
        try {
            return rows.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
