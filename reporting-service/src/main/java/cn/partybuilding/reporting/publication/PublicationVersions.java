package cn.partybuilding.reporting.publication;

import cn.partybuilding.eventing.web.ProblemException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Version numbers of publications, allocated in the database inside the publishing transaction: a transaction-scoped
 * advisory lock per (table, period) makes two instances publishing the same period at once take turns, so the second
 * reads the first one's version after its commit; the primary key (period, version) of the header table refuses a
 * duplicate should anything bypass the lock, and that refusal becomes a 409.
 */
final class PublicationVersions {
    private static final String UNIQUE_VIOLATION = "23505";

    private PublicationVersions() {
    }

    /**
     * Locks the period until the caller's transaction ends and returns its next version (1 for the first publication).
     * {@code table} and {@code keyColumn} are constants of the callers, never user input.
     */
    static int next(Connection c, String table, String keyColumn, Object key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, table + "|" + key);
            lock.execute();
        }
        try (PreparedStatement max = c.prepareStatement("select coalesce(max(version), 0) + 1 from " + table + " where " + keyColumn + " = ?")) {
            max.setObject(1, key);
            try (ResultSet rs = max.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The 409 for a header insert refused as a duplicate (period, version); anything else as an internal error. */
    static RuntimeException refused(SQLException e, String period, int version) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return ProblemException.conflict(period + " 的第 " + version + " 版刚由另一请求发布，请刷新后重试",
                        "version", "version " + version + " of " + period + " was published concurrently");
            }
        }
        return new IllegalStateException("cannot store publication " + period + " version " + version, e);
    }
}
