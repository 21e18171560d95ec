package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends events to the {@code outbox_event} table inside the caller's transaction, so an event row
 * commits exactly when the data it describes commits. {@link OutboxRelay} publishes them.
 * The table is created by each service's Flyway migration (see this module's README). Each event carries the current
 * trace context ({@link TraceContext}) unless it has one.
 */
@ApplicationScoped
public class OutboxWriter {
    private static final String INSERT = "insert into outbox_event (event_id, topic, message_key, payload, traceparent) values (?, ?, ?, ?, ?)";
    /**
     * Rows sent to PostgreSQL per round trip. The driver holds every row of a batch until it executes, serialised: a
     * publication of 50,000 notice requests held ~80 MB of JSON at once and ran reporting-service out of heap. Executing
     * every few hundred rows keeps that bounded and costs nothing measurable (the round trips are still batched).
     */
    static final int ROWS_PER_BATCH = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    /** One event; the Kafka key is the event's subject. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CloudEvent event) {
        appendAll(topic, List.of(event));
    }

    /** Many events with one JDBC batch (bulk study imports write thousands at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            // the request's or the consumed event's trace: what this write causes is followed under its trace id
            String trace = TraceContext.current();
            int pending = 0;
            for (CloudEvent published : events) {
                CloudEvent event = TraceContext.stamp(published, trace);
                insert.setString(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, CloudEventCodec.writeString(event));
                insert.setString(5, event.traceparent());
                insert.addBatch();
                if (++pending == ROWS_PER_BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write outbox: " + e.getMessage(), e);
        }
        relay.wakeUp();
    }
}
