package cn.partybuilding.eventing.consume;

import cn.partybuilding.eventing.IncomingEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The {@code consumed_event} table (migration {@code db/eventing}): which event ids a service has applied. Keyed by the
 * SHA-256 of the id, so an id of any length (CloudEvents sets no limit) fits; the id itself is kept beside it for people.
 * Both methods run in the caller's transaction, so an id is recorded exactly when its effects commit.
 */
@ApplicationScoped
public class ConsumedEvents {
    private static final String SELECT = "select event_key from consumed_event where event_key = any(?)";
    private static final String INSERT = "insert into consumed_event (event_key, event_id, event_type, topic) "
            + "select * from unnest(?, ?, ?, ?)";

    private DataSource dataSource;

    /** For CDI: the service's datasource. */
    public ConsumedEvents() {
    }

    /**
     * The table as {@code dataSource}'s connections see it: another schema's {@code consumed_event} when they set another
     * search path (a replay rebuilding its tables beside the live ones).
     */
    public ConsumedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Inject
    void useServiceDataSource(AgroalDataSource serviceDataSource) {
        this.dataSource = serviceDataSource;
    }

    /**
     * Has PostgreSQL plan each statement of the caller's transaction (a consumed batch) for its parameters. A batch's
     * lookups ({@code key = any(?)} on this table, on member_version, ...) run as server-side prepared statements, and
     * PostgreSQL may otherwise keep a generic plan made while the table was still small: a sequential scan it then
     * repeats as the table grows to 100,000s of rows, until the next ANALYZE (measured: a county's ingest 8 s behind its
     * last event became 66–80 s on a server without autovacuum). Only the consumers' transactions: a publication's
     * thousands of batched inserts keep their cached plans.
     */
    public void planForParameters() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement set = c.createStatement()) {
            set.execute("set local plan_cache_mode = force_custom_plan");
        }
    }

    /** The events (ids distinct) whose ids were never recorded, in their order. */
    public List<IncomingEvent> unconsumed(List<IncomingEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        String[] keys = events.stream().map(e -> key(e.id())).toArray(String[]::new);
        Set<String> seen = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            Array array = c.createArrayOf("varchar", keys);
            select.setArray(1, array);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            }
        }
        if (seen.isEmpty()) {
            return events;
        }
        List<IncomingEvent> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < keys.length; i++) {
            if (!seen.contains(keys[i])) {
                fresh.add(events.get(i));
            }
        }
        return fresh;
    }

    public void record(List<IncomingEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] keys = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        for (int i = 0; i < n; i++) {
            IncomingEvent e = events.get(i);
            keys[i] = key(e.id());
            ids[i] = e.id();
            types[i] = e.type();
            topics[i] = e.record().topic();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setArray(1, c.createArrayOf("varchar", keys));
            insert.setArray(2, c.createArrayOf("text", ids));
            insert.setArray(3, c.createArrayOf("text", types));
            insert.setArray(4, c.createArrayOf("text", topics));
            insert.executeUpdate();
        }
    }

    /** The key of an event id: 64 hex digits of its SHA-256 (the same digest {@code V1_1__consumed_event.sql} uses). */
    public static String key(String eventId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
