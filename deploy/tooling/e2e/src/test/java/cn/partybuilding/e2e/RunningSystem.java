package cn.partybuilding.e2e;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.identity.CountyRealm;
import cn.partybuilding.identity.KeycloakServer;
import cn.partybuilding.identity.TokenClient;
import cn.partybuilding.identity.WorkbenchClientRegistration;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.PostgresDatabase;
import cn.partybuilding.local.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three services from their packaged jars, each on a fresh PostgreSQL database of its own, with one real Kafka
 * broker (SASL/SCRAM with the ACLs of {@link KafkaAccess}: each service signs in as itself, the learning platform as
 * itself) and the county's OpenID Connect provider (Keycloak with the realm of deploy/tooling/identity): the system as
 * it runs in production, driven over REST by people and systems that sign in. Every request names its caller
 * ({@link #as(String)}, {@link #learningPlatform()}, or {@link #NO_TOKEN}), so a test reads who may do what.
 */
final class RunningSystem implements AutoCloseable {
    /** The caller of a request sent without an Authorization header. */
    static final TokenClient.Caller NO_TOKEN = null;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * One Keycloak for every system of this JVM (the end-to-end tests, the fault test with -Pfaults): its start is the
     * longest part of a system's (about a minute on a busy machine), and the realm is the same for all. Stopped at JVM
     * exit by its own shutdown hook.
     */
    private static KeycloakServer sharedKeycloak;

    KafkaBroker broker;
    KeycloakServer keycloak;
    ServiceProcess assessment;
    ServiceProcess reporting;
    ServiceProcess notification;
    /** With {@link #twoOfEach()}: a second instance of each service, against the same database as the first. */
    ServiceProcess assessment2;
    ServiceProcess reporting2;
    ServiceProcess notification2;
    private TokenClient tokens;
    private final Map<String, TokenClient.Caller> callers = new ConcurrentHashMap<>();
    private final List<ServiceProcess> all = new ArrayList<>();
    /** The demo county loaded and the workbench's browser client allowed to come back to this reporting-service. */
    private final boolean workbench;
    private final boolean twoOfEach;
    /** The server of the services' databases; null: the environment's ({@link PostgresDatabase#fromEnvironment()}). */
    private final PostgresDatabase postgres;
    /** Each service's JDBC URL. */
    private final Map<ServiceProcess, String> databases = new ConcurrentHashMap<>();
    /** Settings of the test's for assessment-service (e.g. a status job that runs every few seconds). */
    private final Map<String, String> assessmentSettings;

    RunningSystem() throws IOException {
        this(false, false, null, Map.of());
    }

    /** Two instances of each service, each pair against one database (issue 17 item 2). */
    static RunningSystem twoOfEach() throws IOException {
        return new RunningSystem(false, true, null, Map.of());
    }

    /**
     * The system for a browser: assessment-service loads the demo county (assessment.demo.enabled), and the realm's
     * {@code workbench} client may redirect to this reporting-service's port (the realm file knows only 8081–8083).
     */
    static RunningSystem withWorkbench() throws IOException {
        return new RunningSystem(true, false, null, Map.of());
    }

    /** The system on a PostgreSQL server of the caller's (the fault test's own, which it stops and starts). */
    static RunningSystem on(PostgresDatabase postgres) throws IOException {
        return new RunningSystem(false, false, postgres, Map.of());
    }

    /** The system with these assessment-service settings (system properties of its process) besides the usual ones. */
    static RunningSystem withAssessmentSettings(Map<String, String> settings) throws IOException {
        return new RunningSystem(false, false, null, settings);
    }

    private RunningSystem(boolean workbench, boolean twoOfEach, PostgresDatabase postgres, Map<String, String> assessmentSettings)
            throws IOException {
        this.workbench = workbench;
        this.twoOfEach = twoOfEach;
        this.postgres = postgres;
        this.assessmentSettings = assessmentSettings;
        Path root = Path.of(System.getProperty("repository.root", "../../..")).toAbsolutePath().normalize();
        Path target = root.resolve("deploy/tooling/e2e/target");
        Path logs = target.resolve("e2e-logs");
        Files.createDirectories(logs);
        try {
            start(root, target, logs);
        } catch (RuntimeException e) {
            close(); // what did start, so that a failed start leaves no broker or services behind (Keycloak stops at JVM exit)
            throw e;
        }
    }

    private void start(Path root, Path target, Path logs) {
        // Keycloak takes longest (its first start in a home folder builds itself): it starts while the broker does
        CompletableFuture<KeycloakServer> identity = CompletableFuture.supplyAsync(() -> keycloak(target));
        broker = KafkaBroker.temporary(KafkaAccess.sasl()).start();
        KafkaAccess.grant(broker); // the topics, and what each principal may read and write
        keycloak = identity.join();
        tokens = TokenClient.of(keycloak);
        PostgresDatabase postgres = this.postgres != null ? this.postgres : PostgresDatabase.fromEnvironment();
        // the ports first: the workbench served by reporting-service calls the other two from the browser (their CORS
        // origin is reporting-service's, its configuration names their addresses and the realm's issuer)
        int assessmentPort = KafkaBroker.freePort();
        int reportingPort = KafkaBroker.freePort();
        int notificationPort = KafkaBroker.freePort();
        String workbenchOrigin = "http://127.0.0.1:" + reportingPort;
        assessment = service(root, "assessment-service", assessmentPort, logs, postgres)
                .property("quarkus.http.cors.origins", workbenchOrigin)
                .property("assessment.demo.enabled", Boolean.toString(workbench));
        assessmentSettings.forEach(assessment::property);
        reporting = service(root, "reporting-service", reportingPort, logs, postgres)
                .property("reporting.workbench.identity-url", keycloak.issuer())
                .property("reporting.workbench.assessment-url", "http://127.0.0.1:" + assessmentPort)
                .property("reporting.workbench.notification-url", "http://127.0.0.1:" + notificationPort);
        notification = service(root, "notification-service", notificationPort, logs, postgres)
                .property("quarkus.http.cors.origins", workbenchOrigin);
        if (workbench) {
            WorkbenchClientRegistration.allow(keycloak, workbenchOrigin);
        }
        if (twoOfEach) {
            // each instance its own group member name, as the pods' names are in production (both run on this host)
            for (ServiceProcess first : List.of(assessment, reporting, notification)) {
                first.property("eventing.instance-id", first.name() + "-a");
            }
            assessment2 = secondInstance(root, assessment, logs, postgres);
            reporting2 = secondInstance(root, reporting, logs, postgres);
            notification2 = secondInstance(root, notification, logs, postgres);
        }
        for (ServiceProcess process : all) {
            process.start();
        }
        for (ServiceProcess process : all) {
            process.awaitReady(Duration.ofMinutes(2));
        }
    }

    private static synchronized KeycloakServer keycloak(Path target) {
        if (sharedKeycloak == null || !sharedKeycloak.isRunning()) {
            sharedKeycloak = KeycloakServer.onFreePort(target.resolve("keycloak")).start(Duration.ofMinutes(8));
        }
        return sharedKeycloak;
    }

    private ServiceProcess service(Path root, String name, int port, Path logs, PostgresDatabase postgres) {
        String url = postgres.recreateDatabase(database(name));
        ServiceProcess process = new ServiceProcess(root, name, port, logs)
                .property("kafka.bootstrap.servers", broker.bootstrapServers())
                .property("quarkus.datasource.jdbc.url", url)
                .property("quarkus.datasource.username", postgres.user())
                .property("quarkus.datasource.password", postgres.password())
                .property("quarkus.mailer.mock", "true")
                // the realm's issuer, the service's own client (the audience its tokens must carry), the roles claim
                .environment(keycloak.serviceEnvironment(name));
        // its own sign-in at the broker (its principal's ACLs), as production hands it: KAFKA_* variables, not in the process list
        process.environment(KafkaAccess.serviceEnvironment(broker, name));
        all.add(process);
        databases.put(process, url);
        return process;
    }

    /** The service's database of this run: {@code <service>_e2e[_<TEST_DB_SUFFIX>]}. */
    private static String database(String service) {
        String suffix = System.getenv("TEST_DB_SUFFIX");
        return service.substring(0, service.indexOf('-')) + "_e2e" + (suffix == null || suffix.isBlank() ? "" : "_" + suffix.toLowerCase());
    }

    /** Another instance of a service: the same database (not recreated), its own ports, logs and group member name. */
    private ServiceProcess secondInstance(Path root, ServiceProcess first, Path logs, PostgresDatabase postgres) {
        String name = first.name();
        ServiceProcess process = new ServiceProcess(root, name, KafkaBroker.freePort(), logs.resolve("second"))
                .property("kafka.bootstrap.servers", broker.bootstrapServers())
                .property("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database(name)))
                .property("quarkus.datasource.username", postgres.user())
                .property("quarkus.datasource.password", postgres.password())
                .property("quarkus.mailer.mock", "true")
                .property("eventing.instance-id", name + "-b")
                .environment(keycloak.serviceEnvironment(name));
        process.environment(KafkaAccess.serviceEnvironment(broker, name));
        all.add(process);
        return process;
    }

    /** The JDBC URL of the service's database. */
    String database(ServiceProcess service) {
        return databases.get(service);
    }

    /** A demo person of the realm, signed in with the password grant (one token per person, renewed when due). */
    TokenClient.Caller as(String username) {
        return callers.computeIfAbsent(username, tokens::person);
    }

    /** The learning platform's service account (client credentials). */
    TokenClient.Caller learningPlatform() {
        return callers.computeIfAbsent("client:" + CountyRealm.LEARNING_PLATFORM_CLIENT,
                key -> tokens.serviceAccount(CountyRealm.LEARNING_PLATFORM_CLIENT));
    }

    static Response get(ServiceProcess service, String path, TokenClient.Caller as) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET(), as);
    }

    static Response post(ServiceProcess service, String path, Object body, TokenClient.Caller as) {
        return send(json(service, path, body).POST(HttpRequest.BodyPublishers.ofString(text(body))), as);
    }

    /** A POST that continues the caller's trace: its W3C {@code traceparent} header, as a traced client sends it. */
    static Response postInTrace(ServiceProcess service, String path, Object body, TokenClient.Caller as, String traceparent) {
        return send(json(service, path, body).header("traceparent", traceparent).POST(HttpRequest.BodyPublishers.ofString(text(body))), as);
    }

    static Response put(ServiceProcess service, String path, Object body, TokenClient.Caller as) {
        return send(json(service, path, body).PUT(HttpRequest.BodyPublishers.ofString(text(body))), as);
    }

    /** A GET with an Authorization header of the caller's choosing (a forged or malformed token). */
    static Response getWithAuthorization(ServiceProcess service, String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Authorization", authorization).GET(), NO_TOKEN);
    }

    /** A GET of an absolute URL without a token (the management interface). */
    static Response getUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), NO_TOKEN);
    }

    private static HttpRequest.Builder json(ServiceProcess service, String path, Object body) {
        return HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", "application/json");
    }

    private static String text(Object body) {
        return body instanceof String s ? s : CloudEventCodec.MAPPER.valueToTree(body).toString();
    }

    private static Response send(HttpRequest.Builder request, TokenClient.Caller as) {
        if (as != NO_TOKEN) {
            request.header("Authorization", as.authorization());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return CloudEventCodec.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    @Override
    public void close() {
        all.forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
        // the shared Keycloak keeps running for the next system of this JVM
    }
}
