package cn.partybuilding.benchmark;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.identity.KeycloakServer;
import cn.partybuilding.identity.TokenClient;
import cn.partybuilding.local.PostgresDatabase;
import cn.partybuilding.local.ServiceProcess;
import cn.partybuilding.local.SmtpServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A fresh broker, fresh {@code *_bench} databases and the three services from their jars, for one part of the benchmark;
 * the services accept the tokens of the benchmark's Keycloak (shared by the parts), as they do in production.
 */
final class Environment implements AutoCloseable {
    /**
     * The production settings this benchmark recommends (the heap per service: {@link #jvmOptions}): C1 only: C2's compiler arenas and code cache cost 30–70 MB
     * of RSS and measured here no faster ingest (62,382 events/s with C2, 66,599 with C1 on 1,000,000 events; peak RSS
     * 360 MB instead of 320 MB). A 24 MB young generation: with SerialGC's
     * default third of the heap, reporting-service's ~85 MB of live data (the month's facts, 1,000 cards) left the old
     * generation too little room to guarantee a young collection, so every collection was a full one (100–140 ms,
     * every 3.5 s under REST load); with 24 MB they are young collections of about 2 ms. Native memory tracking showed
     * reporting-service's "Other" (direct buffers) at 65 MB under REST load: the JDK's per-thread cache of temporary
     * direct buffers for socket writes of heap arrays; {@code jdk.nio.maxCachedBufferSize} keeps it at 2–14 MB.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmn24m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=160m",
            "-XX:ReservedCodeCacheSize=48m", "-XX:TieredStopAtLevel=1", "-XX:MaxDirectMemorySize=64m", "-Xss512k",
            "-Djdk.nio.maxCachedBufferSize=65536", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The heap of each service (the README's). reporting-service 112 MB: it keeps the month it ranks (~60 MB live at
     * 1,000 units and 50,000 members; it needed 160 MB while its scorecard pass read a second copy of the month).
     * assessment-service 112 MB, under 35 MB live. notification-service 80 MB: 31–39 MB live after its full collections
     * while it takes the publication's 13,247 notice requests; with 112 MB its old generation grew to ~65 MB between
     * them and its peak RSS was 289–307 MiB, with 80 MB 281 MiB. (It ran out of 112 MB while it rendered a bulletin's
     * ~1,000 copies one by one, before the copies shared one text.)
     */
    static List<String> jvmOptions(String service) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add(1, "notification-service".equals(service) ? "-Xmx80m" : "-Xmx112m");
        return options;
    }

    final Path dir;
    final KafkaBroker broker;
    final Kafka kafka;
    final PostgresDatabase postgres = PostgresDatabase.fromEnvironment();
    private final KeycloakServer keycloak;
    private final TokenClient tokens;
    private final Path root = Path.of("").toAbsolutePath();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final SmtpServer mailSink = new SmtpServer(0);
    private final Map<String, Long> peakRss = new LinkedHashMap<>();
    private final Map<String, List<String>> jvmOptions = new LinkedHashMap<>();
    private final Map<String, TokenClient.Caller> callers = new java.util.concurrent.ConcurrentHashMap<>();

    Environment(KeycloakServer keycloak) throws IOException, ExecutionException, InterruptedException {
        this.keycloak = keycloak;
        this.tokens = TokenClient.of(keycloak);
        dir = Files.createTempDirectory("bench-");
        broker = KafkaBroker.persistent(dir.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort(), "1g").start();
        kafka = new Kafka(broker.bootstrapServers());
        kafka.createTopics(Topics.ALL, 4);
    }

    /** Starts the three services and waits until they are ready. */
    Environment startServices() {
        return startServices(Map.of());
    }

    /** JVM options other than {@link #jvmOptions(String)} for some services (service name → options). */
    Environment jvmOptions(Map<String, List<String>> options) {
        jvmOptions.putAll(options);
        return this;
    }

    /** Same, with extra system properties for every service (e.g. to switch a consumer off). */
    Environment startServices(Map<String, String> extra) {
        // the ports first: the workbench part opens the page reporting-service serves, which signs in at this Keycloak
        // and calls the other two services (their CORS origin is reporting-service's)
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("assessment-service", "reporting-service", "notification-service")) {
            ports.put(name, KafkaBroker.freePort());
        }
        String workbenchOrigin = "http://127.0.0.1:" + ports.get("reporting-service");
        for (String name : ports.keySet()) {
            String db = database(name.substring(0, name.indexOf('-')));
            ServiceProcess process = new ServiceProcess(root, name, ports.get(name), dir.resolve("logs"))
                    .jvmOptions(jvmOptions.getOrDefault(name, jvmOptions(name)))
                    .property("kafka.bootstrap.servers", broker.bootstrapServers())
                    .property("quarkus.datasource.jdbc.url", postgres.recreateDatabase(db))
                    .property("quarkus.datasource.username", postgres.user())
                    .property("quarkus.datasource.password", postgres.password())
                    // warnings, the publication's own timing line (ranked and planned / stored, issue 18.3) and when the
                    // scorecard precomputation ran (it shares the cores with whatever is measured meanwhile)
                    .property("quarkus.log.level", "WARN")
                    .property("quarkus.log.category.\"cn.partybuilding.reporting.publication\".level", "INFO")
                    .property("quarkus.log.category.\"cn.partybuilding.reporting.ranking.ScorecardPrecomputation\".level", "INFO")
                    .environment(keycloak.serviceEnvironment(name));
            if (name.equals("notification-service")) {
                SmtpServer.sendTo(process, mailSink); // a real SMTP conversation per e-mail, as in production
            }
            if (name.equals("reporting-service")) {
                process.property("reporting.workbench.identity-url", keycloak.issuer())
                        .property("reporting.workbench.assessment-url", "http://127.0.0.1:" + ports.get("assessment-service"))
                        .property("reporting.workbench.notification-url", "http://127.0.0.1:" + ports.get("notification-service"));
            } else {
                process.property("quarkus.http.cors.origins", workbenchOrigin);
            }
            extra.forEach(process::property);
            services.add(process.start());
        }
        services.forEach(s -> s.awaitReady(Duration.ofMinutes(2)));
        return this;
    }

    /**
     * The database of a service (or the naive consumer) in this run: {@code <name>_bench}, followed by
     * {@code _<BENCH_DB_SUFFIX>} when that is set, so that two benchmarks sharing one PostgreSQL (two checkouts on one
     * machine) do not drop each other's databases.
     */
    static String database(String name) {
        String suffix = System.getenv("BENCH_DB_SUFFIX");
        return name + "_bench" + (suffix == null || suffix.isBlank() ? "" : "_" + suffix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
    }

    /**
     * A demo person of the realm, signed in once: the token is reused for every request until shortly before it
     * expires, as a browser session would, so the REST figures measure the services' token check, not Keycloak.
     */
    TokenClient.Caller as(String username) {
        return callers.computeIfAbsent(username, tokens::person);
    }

    KeycloakServer keycloak() {
        return keycloak;
    }

    ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    void sampleMemory() {
        for (ServiceProcess service : services) {
            peakRss.merge(service.name(), Memory.peakRssMiB(service.pid()), Math::max);
        }
    }

    Map<String, Long> peakRss() {
        sampleMemory();
        return peakRss;
    }

    /** Waits until {@code group} has committed everything on {@code topics}; returns seconds waited, or -1 on timeout. */
    double awaitCaughtUp(String group, List<String> topics, Duration timeout) throws ExecutionException, InterruptedException {
        return awaitCaughtUp(group, topics, timeout, 0);
    }

    /** The same for topics written by transactional producers (the services' outbox relays): one marker per partition. */
    double awaitCaughtUpTransactional(String group, List<String> topics, Duration timeout) throws ExecutionException, InterruptedException {
        return awaitCaughtUp(group, topics, timeout, 1);
    }

    private double awaitCaughtUp(String group, List<String> topics, Duration timeout, int slack) throws ExecutionException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            sampleMemory();
            if (kafka.lag(group, topics, slack) == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        kafka.close();
        broker.close();
        try {
            mailSink.close();
        } catch (IOException e) {
            // the sink's socket only
        }
    }
}
