package cn.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One of the three services, run from its Quarkus fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar})
 * in a JVM of its own, with its output in a log file. Used by the local stack, the end-to-end tests and the benchmark.
 *
 * <p>Two ports: the application port (REST, every operation needs a bearer token) and the Quarkus management
 * interface ({@code quarkus.management.port}), where health and metrics answer without a token, as probes and
 * Prometheus reach them in production.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    /** Where health and metrics answered: the management interface, or the application port of an older jar. */
    private volatile String managementUrl;
    private final Path jar;
    private final Path log;
    private final Map<String, String> properties = new TreeMap<>();
    private final Map<String, String> environment = new TreeMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxMetaspaceSize=160m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
    private Process process;

    /** The service on {@code port}, its management interface on a free port (tests, benchmark). */
    public ServiceProcess(Path repositoryRoot, String name, int port, Path logDirectory) {
        this(repositoryRoot, name, port, freePort(), logDirectory);
    }

    /** The service on {@code port}, its management interface on {@code managementPort} (the local stack: fixed ports). */
    public ServiceProcess(Path repositoryRoot, String name, int port, int managementPort, Path logDirectory) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.managementUrl = "http://127.0.0.1:" + managementPort;
        this.jar = repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDirectory.resolve(name + ".log");
        property("quarkus.http.port", Integer.toString(port));
        property("quarkus.management.port", Integer.toString(managementPort));
    }

    public ServiceProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An environment variable of the service's process (settings of extensions a service may not have yet). */
    public ServiceProcess environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Environment variables of the service's process, e.g. its sign-in settings ({@code QUARKUS_OIDC_*}). */
    public ServiceProcess environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Full-speed JIT instead of the quick-start C1-only setting (benchmarks). */
    public ServiceProcess jvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int managementPort() {
        return managementPort;
    }

    /**
     * Where health ({@code /q/health/ready}, {@code /q/health/live}) and metrics ({@code /q/metrics}) answer without a
     * token: the management interface. Known for sure once {@link #awaitReady} returned: a jar built before its service
     * enabled the management interface ignores {@code quarkus.management.port} and serves them on the application port,
     * and then this is {@link #baseUrl()}.
     */
    public String managementUrl() {
        return managementUrl;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public ServiceProcess start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: build the services first (mvn -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            // glibc gives every thread that mallocs an arena of its own; with Kafka, Vert.x and JDBC threads that
            // alone costs a hundred MB of RSS. Two arenas are plenty for a JVM, which manages its own heap.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 on the management port; fails early when the process dies. A jar
     * without the management interface answers on the application port instead, which is accepted (and remembered in
     * {@link #managementUrl()}) so that the tools work with the services before and after it was enabled.
     */
    public ServiceProcess awaitReady(Duration timeout) {
        String management = "http://127.0.0.1:" + managementPort;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            if (statusOf(management + "/q/health/ready") == 200) {
                managementUrl = management;
                return this;
            }
            if (statusOf(baseUrl() + "/q/health/ready") == 200) {
                managementUrl = baseUrl();
                return this;
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (" + management + "/q/health/ready), see " + log);
    }

    /** The status of a GET of {@code path} on the application port without a token; -1 when nothing answers. */
    public int status(String path) {
        return statusOf(baseUrl() + path);
    }

    /** The status of a GET without a token; -1 when nothing answers. */
    private static int statusOf(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Prometheus text of {@code /q/metrics} on the management interface; empty when it cannot be read. */
    public String metrics() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/metrics")).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
