package cn.partybuilding.eventing.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One statement run for many rows as JDBC batches of {@link #ROWS_PER_ROUND_TRIP}: the services' batched writes (the
 * outbox's events, reporting-service's {@code Sql.batch}) go through here, so the rule below lives once.
 * <p>
 * The driver keeps every row of a batch, serialised, until the batch runs: a publication of 50,000 notice requests held
 * ~80 MB of JSON at once and ran reporting-service out of heap. Running every few hundred rows keeps that bounded and
 * costs nothing measurable (with {@code reWriteBatchedInserts} each round trip is still a few multi-row inserts).
 */
public final class JdbcBatch {
    /** Rows per round trip. */
    public static final int ROWS_PER_ROUND_TRIP = 500;

    private JdbcBatch() {
    }

    /** Sets one row's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Runs {@code sql} once per row in batches; returns the number of rows. */
    public static <T> int run(Connection connection, String sql, Iterable<? extends T> rows, Binder<? super T> binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return run(statement, rows, binder);
        }
    }

    /** The same with a statement the caller prepared (and closes). */
    public static <T> int run(PreparedStatement statement, Iterable<? extends T> rows, Binder<? super T> binder) throws SQLException {
        int count = 0;
        int pending = 0;
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
            count++;
            if (++pending == ROWS_PER_ROUND_TRIP) {
                statement.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            statement.executeBatch();
        }
        return count;
    }
}
