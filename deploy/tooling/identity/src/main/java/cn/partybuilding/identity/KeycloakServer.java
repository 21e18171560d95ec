package cn.partybuilding.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The county's OpenID Connect provider on this machine: the Keycloak distribution that the Maven build of this module
 * resolved ({@code org.keycloak:keycloak-quarkus-dist}, a zip), unpacked once into a home folder, started as
 * {@code bin/kc.sh start-dev --import-realm} with the realm file {@link CountyRealm#FILE} in {@code data/import}.
 * Each start imports the realm afresh (the development database is removed first), so the realm file stays the one
 * truth; Keycloak's own build of the first start is kept in the home folder, which makes later starts faster.
 * Stopped with SIGTERM, also when the JVM exits.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;
    private Thread shutdownHook;

    private KeycloakServer(Path home, int port) {
        this.home = home.toAbsolutePath();
        this.port = port;
        this.managementPort = freePort();
        this.log = this.home.resolve("keycloak.log");
    }

    /** Keycloak on {@code port} with its distribution in {@code home} (the local stack: a fixed port the services know). */
    public static KeycloakServer at(Path home, int port) {
        return new KeycloakServer(home, port);
    }

    /** Keycloak on a free port (tests). */
    public static KeycloakServer onFreePort(Path home) {
        return new KeycloakServer(home, freePort());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of the county realm's tokens, what a service names as {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return baseUrl() + "/realms/" + CountyRealm.NAME;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** Where a person signs in and sees their own account (the realm's account console). */
    public String accountConsole() {
        return issuer() + "/account";
    }

    public String adminConsole() {
        return baseUrl() + "/admin/";
    }

    /**
     * What a service needs to accept this realm's tokens (quarkus-oidc, application type service), as environment
     * variables: the issuer, its own client (whose id is the audience its tokens carry) and the flat roles claim.
     * A service without quarkus-oidc ignores them.
     */
    public Map<String, String> serviceEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer());
        env.put("QUARKUS_OIDC_CLIENT_ID", service);
        env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", CountyRealm.clientSecret(service));
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", service);
        env.put("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "roles");
        return env;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Unpacks the distribution when missing, copies the realm file in, starts Keycloak and waits until the county
     * realm's discovery document answers (which means the realm was imported).
     */
    public synchronized KeycloakServer start(Duration timeout) {
        if (isRunning()) {
            return this;
        }
        try {
            Path distribution = unpacked();
            Path data = distribution.resolve("data");
            // a fresh development database: the realm file, not what an earlier run left, is what runs
            deleteRecursively(data.resolve("h2"));
            deleteRecursively(data.resolve("import"));
            Files.createDirectories(data.resolve("import"));
            try (InputStream realm = CountyRealm.open()) {
                Files.copy(realm, data.resolve("import").resolve(CountyRealm.FILE));
            }
            ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort, "--import-realm")
                    .directory(distribution.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            // its default takes 70 % of the machine's memory; the county's realm needs little
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            process = builder.start();
            shutdownHook = new Thread(this::terminate, "keycloak-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            awaitDiscovery(timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to Keycloak (kc.sh passes it on to its JVM), SIGKILL after 20 s. */
    public synchronized void stop() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook runs terminate() itself
            }
            shutdownHook = null;
        }
        terminate();
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void terminate() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = running.descendants().toList();
        running.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timedOut) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void awaitDiscovery(Duration timeout) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see " + log);
                }
                try {
                    HttpRequest request = HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).GET().build();
                    if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + timeout + ", see " + log);
    }

    /**
     * {@code home/keycloak-<version>}, unpacked from the zip when missing. Unpacked beside it first and renamed, so an
     * interrupted unpack is never taken for a complete one.
     */
    private Path unpacked() throws IOException {
        Path zip = distributionZip();
        String folder = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "keycloak-").replace(".zip", "");
        Path target = home.resolve(folder);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(home);
        Path partial = Files.createTempDirectory(home, "unpacking-");
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip drops the Unix modes; the scripts are what must run
                if (entry.getName().endsWith(".sh")) {
                    out.toFile().setExecutable(true);
                }
            }
        }
        Files.move(partial.resolve(folder), target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(partial);
        return target;
    }

    /** The zip in the local Maven repository, as the build of this module resolved it. */
    static Path distributionZip() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak-distribution.path")) {
            if (in == null) {
                throw new IllegalStateException("keycloak-distribution.path missing: build deploy/tooling/identity with Maven first");
            }
            Path zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(zip + " missing: build deploy/tooling/identity with Maven (online) first");
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs Keycloak in the foreground: {@code KeycloakServer <home> <port>}; Ctrl-C stops it. */
    public static void main(String[] args) throws InterruptedException {
        KeycloakServer server = at(Path.of(args[0]), Integer.parseInt(args[1])).start(Duration.ofMinutes(3));
        System.out.println("Keycloak on " + server.baseUrl() + ", realm " + server.issuer());
        Thread.currentThread().join();
    }
}
