package cn.partybuilding.eventing.cluster;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A cluster-wide lease on a PostgreSQL session-level advisory lock, held on a connection of its own: of all instances
 * against one database at most one holds it. The lock lives exactly as long as the holder's session, so a holder that
 * dies (SIGKILL, lost network, terminated backend) frees it as soon as PostgreSQL notices the session is gone, and a
 * standby calling {@link #tryHold()} takes it over; nothing has to expire.
 *
 * <p>Keys are the two-int form {@code (classid, hashtext(name))}: that key space is disjoint from the one-bigint locks
 * the services take (per period, per member), and {@link #CLASS_ID} is the platform's own class.
 *
 * <p>Not thread-safe: one thread (the relay's) owns a lease.
 */
public final class SessionLease implements AutoCloseable {
    /** The platform's class of advisory locks; the services use other classes (16005, 16006) or the bigint form. */
    public static final int CLASS_ID = 17001;

    private final DataSource dataSource;
    private final String name;
    private Connection connection;

    public SessionLease(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Whether this lease is held after the call: keeps a held lease after checking its session is alive (one round trip),
     * else tries to take it. A dead session is dropped (its lock went with it) and the lock is tried on a new connection.
     * Throws when the database cannot be reached; the lease is then not held.
     */
    public boolean tryHold() throws SQLException {
        if (connection != null) {
            try (PreparedStatement alive = connection.prepareStatement("select 1");
                 ResultSet rs = alive.executeQuery()) {
                rs.next();
                return true;
            } catch (SQLException e) {
                release();
                throw e;
            }
        }
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, CLASS_ID);
                lock.setString(2, name);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        connection = candidate;
                        candidate = null;
                        return true;
                    }
                    return false;
                }
            }
        } finally {
            if (candidate != null) {
                candidate.close();
            }
        }
    }

    public boolean held() {
        return connection != null;
    }

    /**
     * Gives the lease up: unlocks and closes the connection. A pooled connection must not go back to the pool holding the
     * lock, so if the unlock fails the connection is closed at the JDBC level (abort) rather than returned.
     */
    public void release() {
        Connection held = connection;
        connection = null;
        if (held == null) {
            return;
        }
        try {
            try (PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
                unlock.setInt(1, CLASS_ID);
                unlock.setString(2, name);
                unlock.execute();
            }
            held.close();
        } catch (SQLException e) {
            abort(held);
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.unwrap(Connection.class).close();
        } catch (SQLException ignored) {
            // already broken: its session, and with it the lock, is gone or going
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool discards a broken connection
        }
    }

    @Override
    public void close() {
        release();
    }
}
