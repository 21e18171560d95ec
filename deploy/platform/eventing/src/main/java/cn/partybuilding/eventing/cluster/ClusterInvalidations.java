package cn.partybuilding.eventing.cluster;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells the other instances of a service against one database that keys of their caches changed, over PostgreSQL
 * {@code NOTIFY}/{@code LISTEN} on {@code channel}. An instance calls {@link #changed} after committing a change; the
 * others' {@link Listener} hear it within milliseconds. Signals are coalesced by a sender thread (a burst of commits is a
 * few notifications) and sent after the caller's commit, so a listener never invalidates before the change is visible.
 *
 * <p>PostgreSQL does not keep notifications for a listener that is not connected: while this instance's LISTEN connection
 * is down it may miss some, so after every (re)connection the listener is told that everything changed
 * ({@link Listener#all()}). The first connection counts too: whatever an instance cached before it listened is dropped.
 */
public final class ClusterInvalidations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterInvalidations.class);
    /** NOTIFY payloads must stay under 8000 bytes; a longer list of keys is sent as "everything". */
    private static final int MAX_PAYLOAD = 7000;
    private static final String ALL = "*";

    /** What a change heard from another instance does to this one's caches. */
    public interface Listener {
        void keys(Collection<String> keys);

        void all();
    }

    private final DataSource dataSource;
    private final String channel;
    private final String self;
    private final Listener listener;
    private final long reconnectMillis;
    private final Object lock = new Object();
    private final Set<String> pendingKeys = new LinkedHashSet<>();
    private boolean pendingAll;
    private volatile boolean running = true;
    private volatile boolean listening;
    private final Thread receiver;
    private final Thread sender;

    /** @param reconnect pause before a lost LISTEN connection is opened again */
    public ClusterInvalidations(DataSource dataSource, String channel, Listener listener, java.time.Duration reconnect) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("channel must be a plain lower-case identifier: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        // only to skip its own notifications, which PostgreSQL delivers to the sender's LISTEN connection too
        this.self = java.util.UUID.randomUUID().toString();
        this.listener = listener;
        this.reconnectMillis = reconnect.toMillis();
        receiver = new Thread(this::receive, channel + "-listen");
        receiver.setDaemon(true);
        sender = new Thread(this::send, channel + "-notify");
        sender.setDaemon(true);
    }

    public ClusterInvalidations start() {
        receiver.start();
        sender.start();
        return this;
    }

    /** Whether the LISTEN connection is up (a readiness check may report it). */
    public boolean listening() {
        return listening;
    }

    /** These keys changed here (call after the commit). */
    public void changed(Collection<String> keys) {
        synchronized (lock) {
            if (!pendingAll) {
                pendingKeys.addAll(keys);
            }
            lock.notifyAll();
        }
    }

    /** Anything may have changed here (call after the commit). */
    public void changedAll() {
        synchronized (lock) {
            pendingAll = true;
            pendingKeys.clear();
            lock.notifyAll();
        }
    }

    private void send() {
        while (running) {
            String payload;
            synchronized (lock) {
                while (running && !pendingAll && pendingKeys.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                payload = self + "|" + (pendingAll ? ALL : String.join(",", pendingKeys));
                if (payload.length() > MAX_PAYLOAD) {
                    payload = self + "|" + ALL;
                }
                pendingAll = false;
                pendingKeys.clear();
            }
            if (!running) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, channel);
                notify.setString(2, payload);
                notify.execute();
            } catch (SQLException e) {
                // the others cannot hear it now; their LISTEN connections are down as well, or will be told "all" when
                // they come back. Keep the signal for the next attempt.
                LOG.warnf("%s: notify failed (%s), retrying", channel, e.getMessage());
                requeue(payload);
                pause();
            }
        }
    }

    private void requeue(String payload) {
        String body = payload.substring(payload.indexOf('|') + 1);
        if (ALL.equals(body)) {
            changedAll();
        } else {
            changed(Arrays.asList(body.split(",")));
        }
    }

    private void receive() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement listen = c.createStatement()) {
                    // named, so operators (and tests) find the listeners in pg_stat_activity
                    listen.execute("set application_name = '" + channel + "-listen'");
                    listen.execute("listen " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // whatever happened while this instance did not listen is unknown (dropped once LISTEN is in place)
                listener.all();
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        // getNotifications with a timeout does not notice a dead server by itself on every driver version
                        try (Statement ping = c.createStatement()) {
                            ping.execute("select 1");
                        }
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        deliver(n.getParameter());
                    }
                }
                // back to the pool: not listening any more
                try (Statement unlisten = c.createStatement()) {
                    unlisten.execute("unlisten *");
                    unlisten.execute("reset application_name");
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("%s: listen connection lost (%s); reconnecting, then dropping every cached entry", channel, e.getMessage());
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    void deliver(String payload) {
        int bar = payload.indexOf('|');
        if (bar < 0 || payload.substring(0, bar).equals(self)) {
            return;
        }
        String body = payload.substring(bar + 1);
        if (ALL.equals(body)) {
            listener.all();
        } else {
            listener.keys(List.of(body.split(",")));
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        receiver.interrupt();
    }
}
