package cn.partybuilding.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server: the machine's, located by the libpq environment variables ({@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGPASSWORD}; defaults 127.0.0.1, 5432, postgres, postgres), or, when none answers
 * there, an embedded one started from Maven ({@link EmbeddedPostgresServer}). Creates a service's database
 * when it is missing.
 */
public record PostgresDatabase(String host, int port, String user, String password) {

    /**
     * The server the environment points at when it accepts connections there, otherwise this JVM's shared
     * embedded server: tests and end-to-end runs need only a JDK and Maven, and use a real server (CI's, a
     * developer's) at its full speed when there is one.
     */
    public static PostgresDatabase fromEnvironment() {
        return orEmbedded(configured());
    }

    /** {@code configured} when it answers, otherwise this JVM's shared embedded server. */
    static PostgresDatabase orEmbedded(PostgresDatabase configured) {
        if (configured.answers()) {
            return configured;
        }
        System.err.println("no PostgreSQL answers at " + configured.host + ":" + configured.port
                + " (PGHOST/PGPORT): using an embedded PostgreSQL started from Maven");
        return EmbeddedPostgresServer.shared();
    }

    /** The server the environment points at, whether or not it runs. */
    public static PostgresDatabase configured() {
        return new PostgresDatabase(
                env("PGHOST", "127.0.0.1"),
                Integer.parseInt(env("PGPORT", "5432")),
                env("PGUSER", "postgres"),
                env("PGPASSWORD", "postgres"));
    }

    /**
     * Whether something accepts TCP connections at host:port. Only the connection counts: a server that is there
     * but refuses the credentials is a configuration error to report, not a reason to use another one.
     */
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists; returns its JDBC URL. */
    public String ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = connection.createStatement()) {
                            create.execute("create database " + database);
                        } catch (SQLException raced) {
                            // another test JVM created it between our check and create: fine
                            if (!"42P04".equals(raced.getSQLState())) {
                                throw raced;
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " unreachable as " + user
                    + " (set PGHOST/PGPORT/PGUSER/PGPASSWORD): " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    /** Drops {@code database} (disconnecting its sessions) and creates it empty: benchmarks and end-to-end runs start clean. */
    public String recreateDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + database + ": " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
