package cn.partybuilding.reporting.facts;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The tables a replay rebuilds from the topics (Flyway V2; the membership history V10): the facts, and {@code consumed_event} (the platform's record of
 * the ids applied to them; the ingest is this service's only consumer, so every id there is a fact's). Publications,
 * quarterly grades, annual results and debrief scores are not facts and are kept.
 * <p>
 * A replay rebuilds them BESIDE the live ones, in the schema {@value #SHADOW} (Flyway V12_1): {@link #createShadow} makes
 * an empty copy of each (columns, defaults, constraints and indexes, under the live index names), {@link #shadow} gives
 * connections that see those copies instead of the live tables, and {@link #switchToShadow} replaces the live tables by
 * the copies in one transaction, so a reader sees either the old complete facts or the new complete facts, never a
 * partial rebuild.
 */
public final class FactTables {
    public static final List<String> ALL = List.of("consumed_event", "unit", "party_organization", "member", "member_version", "member_period", "indicator_system",
            "assessment", "finding", "bonus", "rectification", "period_state", "period_change", "study_completion", "exam_result", "platform_points",
            "responsibility_item");

    /** Where a replay builds the new tables (created by Flyway V12_1). */
    public static final String SHADOW = "reporting_replay";

    private FactTables() {
    }

    /**
     * Empty copies of every fact table in {@value #SHADOW} (copies left by an interrupted replay are dropped first). Each
     * copy's indexes get the live table's index names, so after the switch the indexes are named as the migrations named
     * them (a later migration may refer to them).
     */
    public static void createShadow(Connection c) throws SQLException {
        String live = liveSchema(c);
        try (Statement s = c.createStatement()) {
            for (String table : ALL) {
                s.execute("drop table if exists " + SHADOW + "." + table);
                s.execute("create table " + SHADOW + "." + table + " (like " + live + "." + table + " including all)");
                Map<String, String> shadowNames = indexesByDefinition(c, SHADOW, table);
                for (Map.Entry<String, String> index : indexesByDefinition(c, live, table).entrySet()) {
                    String copy = shadowNames.get(index.getKey());
                    if (copy != null && !copy.equals(index.getValue())) {
                        s.execute("alter index " + SHADOW + ".\"" + copy + "\" rename to \"" + index.getValue() + "\"");
                    }
                }
            }
        }
    }

    /** Drops the copies (a replay that failed or was given up); the live tables are untouched. */
    public static void dropShadow(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : ALL) {
                s.execute("drop table if exists " + SHADOW + "." + table);
            }
        }
    }

    /**
     * In the caller's transaction: replaces every live fact table by its copy (drop the live table, move the copy into the
     * live schema), so the switch commits as one. The live tables are locked first WITHOUT waiting: when a reader or a
     * writer holds one of them, nothing is changed and false is returned (the caller rolls back and tries again), so the
     * switch never waits while holding locks and never takes part in a deadlock with a reader.
     */
    public static boolean switchToShadow(Connection c) throws SQLException {
        String live = liveSchema(c);
        List<String> qualified = new ArrayList<>();
        ALL.forEach(t -> qualified.add(live + "." + t));
        try (Statement s = c.createStatement()) {
            try {
                s.execute("lock table " + String.join(", ", qualified) + " in access exclusive mode nowait");
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    return false;
                }
                throw e;
            }
            for (String table : ALL) {
                s.execute("drop table " + live + "." + table);
                s.execute("alter table " + SHADOW + "." + table + " set schema " + live);
            }
        }
        return true;
    }

    /**
     * Connections of {@code live} that see the copies of {@value #SHADOW} instead of the live tables, for the current
     * transaction only ({@code set local search_path}, undone at its end, so the pooled connection comes back clean). A
     * connection outside a transaction is refused: there the setting would not hold and the writes would reach the live
     * tables. Only the shadow schema is on the path, so a table without a copy fails loudly instead of being written live.
     */
    public static DataSource shadow(DataSource live) {
        return new ShadowDataSource(live);
    }

    private static String liveSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The table's indexes: definition without name and table (e.g. "UNIQUE|USING btree (member_id)") → index name. */
    private static Map<String, String> indexesByDefinition(Connection c, String schema, String table) throws SQLException {
        Map<String, String> byDefinition = new HashMap<>();
        Sql.query(c, "select indexname, indexdef from pg_indexes where schemaname = ? and tablename = ?", rs -> {
            String def = rs.getString(2);
            byDefinition.put((def.startsWith("CREATE UNIQUE") ? "UNIQUE|" : "|") + def.substring(def.indexOf(" USING ")), rs.getString(1));
        }, schema, table);
        return byDefinition;
    }

    private record ShadowDataSource(DataSource live) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return onShadow(live.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return onShadow(live.getConnection(username, password));
        }

        private static Connection onShadow(Connection c) throws SQLException {
            try {
                if (c.getAutoCommit()) {
                    throw new IllegalStateException("the shadow tables are written inside a transaction only");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("set local search_path to " + SHADOW);
                }
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return live.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            live.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            live.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return live.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return live.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return live.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return live.isWrapperFor(iface);
        }
    }
}
