package cn.partybuilding.e2e;

import cn.partybuilding.local.PostgresDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number of rows of every table of the services' databases ("database.schema.table" → rows), to compare what a
 * county year added with and without faults. Some tables count something else, because their rows depend on more than
 * what the year did, and one not at all:
 * <ul>
 *   <li>{@code audit_record}: the accepted writes only. Refused attempts depend on timing (a publication retried while
 *   the lock is on its way answers 409, recorded as REFUSED), and a write answered 503 while PostgreSQL is away is
 *   recorded nowhere;</li>
 *   <li>{@code document_sequence}: the numbers allocated (the sum of {@code last_number}), not its rows, which are
 *   one per calendar year of issue: both county years issue their notices this year, so only the first adds a row.</li>
 * </ul>
 */
record RowCounts(Map<String, Long> rows) {
    private static final Map<String, String> COUNTED = Map.of(
            "audit_record", "select count(*) from %s where outcome = 'ACCEPTED'",
            "document_sequence", "select coalesce(sum(last_number), 0) from %s",
            "cluster_job", "select 0");

    static RowCounts of(PostgresDatabase server, List<String> jdbcUrls) {
        Map<String, Long> rows = new TreeMap<>();
        for (String url : jdbcUrls) {
            String database = url.substring(url.lastIndexOf('/') + 1);
            try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select table_schema || '.' || table_name from information_schema.tables"
                        + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    String query = COUNTED.getOrDefault(table.substring(table.indexOf('.') + 1), "select count(*) from %s");
                    try (ResultSet rs = statement.executeQuery(query.formatted(table))) {
                        rs.next();
                        rows.put(database + "." + table, rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count the rows of " + url + ": " + e.getMessage(), e);
            }
        }
        return new RowCounts(rows);
    }

    /** What each table gained since {@code before} (tables of both). */
    Map<String, Long> since(RowCounts before) {
        Map<String, Long> added = new TreeMap<>();
        rows.forEach((table, count) -> added.put(table, count - before.rows.getOrDefault(table, 0L)));
        return added;
    }
}
