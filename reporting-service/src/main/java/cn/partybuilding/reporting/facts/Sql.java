package cn.partybuilding.reporting.facts;

import cn.partybuilding.eventing.jdbc.JdbcBatch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The service's one JDBC helper (PostgreSQL): set-based statements — MERGE of a batch of rows, array parameters read
 * with UNNEST, so a whole poll is written with a handful of round trips — a JDBC batch, and a streamed query.
 */
public final class Sql {
    private Sql() {
    }

    /** Receives one row of a {@link #query}. */
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs a query; null arguments are skipped (they stand for an absent optional filter). */
    public static void query(Connection c, String sql, RowHandler handler, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int index = 1;
            for (Object arg : args) {
                if (arg != null) {
                    s.setObject(index++, arg);
                }
            }
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    /**
     * {@link #query} for a result too large to hold at once (a month's 50,000 members): rows arrive 5,000 at a time. The
     * driver fetches that way only inside a transaction; on a connection in auto-commit mode it reads the whole result
     * into memory first (the members' rows were ~40 MB of byte arrays at once), so such a connection gets a transaction
     * of its own for the query.
     */
    public static void stream(Connection c, String sql, RowHandler handler, Object... args) throws SQLException {
        if (!c.getAutoCommit()) {
            query(c, sql, handler, args);
            return;
        }
        c.setAutoCommit(false);
        try {
            query(c, sql, handler, args);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** A column and its SQL type (the CAST types the untyped parameters of a MERGE source, and names the array element type). */
    public record Col(String name, String type) {
    }

    public static Col col(String name, String type) {
        return new Col(name, type);
    }

    /**
     * {@code MERGE INTO table USING (SELECT CAST(? AS type) AS col, ...) s ON keys
     * WHEN MATCHED [AND condition] THEN UPDATE SET others WHEN NOT MATCHED THEN INSERT}. A null
     * {@code matchedCondition} updates unconditionally (last one wins).
     */
    public static String merge(String table, List<Col> keys, List<Col> others, String matchedCondition) {
        StringJoiner select = new StringJoiner(", ");
        for (Col c : concat(keys, others)) {
            // varchar without its length: an explicit cast to varchar(n) silently cuts a longer value, the column refuses it
            String type = c.type().startsWith("varchar(") ? "varchar" : c.type();
            select.add("cast(? as " + type + ") as " + c.name());
        }
        return merge(table, keys, others, matchedCondition, "select " + select);
    }

    /**
     * The same MERGE, but the source is one array parameter per column read with UNNEST: a whole batch in one statement
     * (for the high-volume facts: exam results, 学习强国 points). Bind with {@link #bindColumns}.
     */
    public static String mergeUnnest(String table, List<Col> keys, List<Col> others) {
        return mergeUnnest(table, keys, others, null);
    }

    /** {@link #mergeUnnest(String, List, List)} with a condition on updating a matched row (e.g. a higher revision). */
    public static String mergeUnnest(String table, List<Col> keys, List<Col> others, String matchedCondition) {
        StringJoiner params = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (Col c : concat(keys, others)) {
            params.add("?");
            names.add(c.name());
        }
        return merge(table, keys, others, matchedCondition, "select * from unnest(" + params + ") as s(" + names + ")");
    }

    private static String merge(String table, List<Col> keys, List<Col> others, String matchedCondition, String source) {
        StringJoiner on = new StringJoiner(" and ");
        StringJoiner set = new StringJoiner(", ");
        StringJoiner insertCols = new StringJoiner(", ");
        StringJoiner insertVals = new StringJoiner(", ");
        keys.forEach(k -> on.add("t." + k.name() + " = s." + k.name()));
        others.forEach(c -> set.add(c.name() + " = s." + c.name()));
        concat(keys, others).forEach(c -> {
            insertCols.add(c.name());
            insertVals.add("s." + c.name());
        });
        return "merge into " + table + " t using (" + source + ") s on " + on
                + (others.isEmpty() ? "" : " when matched" + (matchedCondition == null ? "" : " and " + matchedCondition)
                + " then update set " + set)
                + " when not matched then insert (" + insertCols + ") values (" + insertVals + ")";
    }

    /**
     * {@code INSERT INTO table (columns) SELECT * FROM UNNEST(?, ...)}: all {@code rows} in one statement, one array
     * parameter per column ({@link #bindColumns}); a publication's ~13,000 notice-ledger rows as a JDBC batch took
     * 186–349 ms, this way 132–218 ms (benchmark runs, 2026-11-29).
     */
    public static void insertUnnest(Connection connection, String table, List<Col> columns, List<Object[]> rows) throws SQLException {
        executeUnnest(connection, insertUnnest(table, columns), columns, rows);
    }

    /** The statement {@link #insertUnnest(Connection, String, List, List)} runs, for callers that keep it as a constant. */
    public static String insertUnnest(String table, List<Col> columns) {
        StringJoiner params = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> {
            params.add("?");
            names.add(c.name());
        });
        return "insert into " + table + " (" + names + ") select * from unnest(" + params + ") as s(" + names + ")";
    }

    /** Runs an {@link #insertUnnest} or {@link #mergeUnnest} statement for all {@code rows} at once; nothing when there are none. */
    public static void executeUnnest(Connection connection, String sql, List<Col> columns, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindColumns(connection, statement, columns, rows);
            statement.executeUpdate();
        }
    }

    /** Binds one array per column (element type from the column's SQL type) for a {@link #mergeUnnest} or {@link #insertUnnest} statement. */
    public static void bindColumns(Connection connection, PreparedStatement statement, List<Col> columns, List<Object[]> rows) throws SQLException {
        for (int col = 0; col < columns.size(); col++) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[col];
            }
            String type = columns.get(col).type();
            int paren = type.indexOf('(');
            statement.setArray(col + 1, array(connection, paren < 0 ? type : type.substring(0, paren), values));
        }
    }

    public static List<Col> concat(List<Col> a, List<Col> b) {
        List<Col> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs {@code sql} once per row, as the platform's JDBC batches ({@link JdbcBatch}). */
    public static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        JdbcBatch.run(connection, sql, rows, (statement, row) -> {
            for (int i = 0; i < row.length; i++) {
                statement.setObject(i + 1, row[i]);
            }
        });
    }

    public static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
