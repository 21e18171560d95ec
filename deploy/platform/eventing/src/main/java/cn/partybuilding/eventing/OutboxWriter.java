package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.jdbc.JdbcBatch;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
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
     * for the driver to encode them again took ~60 ms of a 13,000-event publication.
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
     * One event per item, each made from its item only when its row is written ({@link JdbcBatch}): a publication's
     * 13,000 notice requests never exist as events and JSON all at once, only a round trip's worth.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void appendEach(String topic, Collection<T> items, Function<? super T, CloudEvent> toEvent) {
        if (items.isEmpty()) {
            return;
        }
        // the request's or the consumed event's trace: what this write causes is followed under its trace id
        String trace = TraceContext.current();
        try (Connection connection = dataSource.getConnection()) {
            JdbcBatch.run(connection, INSERT, items, (insert, item) -> {
                CloudEvent event = TraceContext.stamp(toEvent.apply(item), trace);
                insert.setString(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setBytes(4, CloudEventCodec.write(event));
                insert.setString(5, event.traceparent());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write outbox: " + e.getMessage(), e);
        }
        relay.wakeUp();
    }
}
