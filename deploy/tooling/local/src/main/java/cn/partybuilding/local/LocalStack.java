package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.identity.CountyRealm;
import cn.partybuilding.identity.KeycloakServer;
import cn.partybuilding.identity.TokenClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole system on one machine: a Kafka broker (SASL/SCRAM with the ACLs of {@link KafkaAccess}, as in production),
 * the county's OpenID Connect provider (Keycloak with the demo county's realm and people), the three services (the
 * production jars, configured by system properties and, for sign-in and their Kafka credentials, environment variables)
 * and their PostgreSQL databases (on an embedded server whose data lives in the data folder, or on an existing server
 * when {@code --postgres} is given), with the demo county loaded on the first run. Ctrl-C stops everything it started; the next run reuses the data. Started by
 * {@code deploy/tooling/local/stack}, which builds the services first.
 *
 * <pre>
 * options: --data DIR                      data folder (default ./data)
 *          --postgres jdbc:postgresql://HOST:PORT   use databases assessment, reporting, notification there
 *          --kafka-port N                  broker port (default 9092)
 *          --kafka-plaintext               the broker without sign-in nor ACLs (default: SASL/SCRAM and ACLs, each
 *                                          service signing in as itself; a data folder's Kafka log must have been
 *                                          started the same way; --kafka-sasl is accepted and is the default)
 *          --keycloak-port N               Keycloak port (default 8180)
 * </pre>
 */
public final class LocalStack {
    /** name, application port, management port (health and metrics, no token: the services' production defaults). */
    private static final String[][] SERVICES = {
            {"assessment-service", "8081", "9081"},
            {"reporting-service", "8082", "9082"},
            {"notification-service", "8083", "9083"},
    };
    /** Who publishes the demo county's months: the committee, as in production. */
    private static final String PUBLISHER = "committee-admin";

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (RuntimeException e) {
            // exit, so the shutdown hook stops what did start (Keycloak starts on a thread of its own)
            System.err.println("启动失败 (start failed): " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve("data");
        String postgres = null;
        int kafkaPort = 9092;
        int keycloakPort = 8180;
        boolean kafkaSasl = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]).toAbsolutePath();
                case "--postgres" -> postgres = args[++i];
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--kafka-sasl" -> kafkaSasl = true;
                case "--kafka-plaintext" -> kafkaSasl = false;
                case "--keycloak-port" -> keycloakPort = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (int port : new int[]{kafkaPort, kafkaPort + 1, keycloakPort, 8081, 8082, 8083, 9081, 9082, 9083}) {
            if (inUse(port)) {
                System.err.println("端口 " + port + " 已被占用 (port in use): stop whatever runs there, or another stack, first.");
                System.exit(2);
            }
        }
        Files.createDirectories(data);
        Path dataDir = data;
        Path logs = data.resolve("logs");
        boolean firstRun = !Files.exists(data.resolve("kafka"));

        long started = System.nanoTime();
        KafkaBroker broker = KafkaBroker.persistent(data.resolve("kafka"), kafkaPort, kafkaPort + 1, "384m",
                kafkaSasl ? KafkaAccess.sasl() : null);
        KeycloakServer keycloak = KeycloakServer.at(data.resolve("keycloak"), keycloakPort);
        List<ServiceProcess> services = new ArrayList<>();
        SmtpServer mailSink = new SmtpServer(200);
        AtomicReference<EmbeddedPostgresServer> embedded = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\n正在停止 (stopping) ...");
            // the services first, so that none of them sees its database or broker vanish while it still works
            services.forEach(ServiceProcess::close);
            keycloak.stop();
            if (embedded.get() != null) {
                embedded.get().close();
            }
            broker.stop();
            System.out.println("已停止。数据保留在 " + dataDir.getFileName() + "/ (data kept).");
        }));
        // Keycloak takes longest (its first start builds itself): it starts while the broker and the database do
        System.out.println("启动 Keycloak on " + keycloak.baseUrl() + " (log: " + shown(root, keycloak.log()) + ") ...");
        CompletableFuture<KeycloakServer> identity = CompletableFuture.supplyAsync(() -> keycloak.start(Duration.ofMinutes(10)));
        System.out.println("启动 Kafka broker on 127.0.0.1:" + kafkaPort + (kafkaSasl ? " (SASL/SCRAM, ACLs)" : "") + " ...");
        try {
            broker.start();
        } catch (IllegalStateException e) {
            // a data folder from before SASL became the stack's default holds a PLAINTEXT log, which KafkaBroker refuses
            throw e.getMessage() != null && e.getMessage().contains("was formatted") ? new IllegalStateException(e.getMessage()
                    + (kafkaSasl ? ", or start with --kafka-plaintext" : ", or start without --kafka-plaintext"), e) : e;
        }
        if (kafkaSasl) {
            KafkaAccess.grant(broker);
        }

        PostgresDatabase server;
        String database;
        if (postgres == null) {
            System.out.println("启动 PostgreSQL (embedded, data in " + shown(root, data.resolve("postgres")) + ") ...");
            embedded.set(EmbeddedPostgresServer.persistent(data.resolve("postgres"), logs.resolve("postgres.log")));
            server = embedded.get().database();
            database = server.jdbcUrl("{assessment,reporting,notification}") + "  (embedded, user postgres)";
        } else {
            server = parsePostgres(postgres);
            database = postgres;
        }
        try {
            identity.join();
        } catch (CompletionException e) {
            System.err.println("Keycloak: " + e.getCause().getMessage());
            System.exit(1);
        }
        for (String[] service : SERVICES) {
            String name = service[0];
            String db = name.substring(0, name.indexOf('-'));
            ServiceProcess process = new ServiceProcess(root, name, Integer.parseInt(service[1]), Integer.parseInt(service[2]), logs)
                    .property("kafka.bootstrap.servers", broker.bootstrapServers())
                    .property("quarkus.datasource.jdbc.url", server.ensureDatabase(db))
                    .property("quarkus.datasource.username", server.user())
                    .property("quarkus.datasource.password", server.password());
            // Kafka sign-in as production passes it, by environment variables (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*)
            KafkaAccess.serviceEnvironment(broker, name).forEach(process::environment);
            // Sign-in settings, as environment variables: a service without quarkus-oidc ignores them silently
            process.environment(keycloak.serviceEnvironment(name));
            // the stack is for trying the API: Swagger UI on (production leaves it off)
            process.environment("SWAGGER_UI_ENABLED", "true");
            if (name.equals("assessment-service")) {
                process.property("assessment.demo.enabled", "true");
            }
            if (name.equals("notification-service")) {
                // e-mail goes over SMTP to a sink in this process that keeps the last 200 messages (Quarkus' mock
                // mailer would keep every one in the service's heap for as long as the stack runs)
                SmtpServer.sendTo(process, mailSink);
            }
            services.add(process);
            System.out.println("启动 " + name + " on :" + service[1] + ", 管理 management :" + service[2] + " (log: " + shown(root, process.log()) + ")");
            process.start();
        }
        for (ServiceProcess process : services) {
            process.awaitReady(Duration.ofMinutes(3));
        }
        System.out.printf("%n全部就绪 (all ready) in %.1f s%s%n%n", (System.nanoTime() - started) / 1e9,
                firstRun ? "; 演示县 (demo county) loaded, reporting-service ranks it within seconds" : "");
        if (firstRun) {
            publishDemoMonths(services, TokenClient.of(keycloak).person(PUBLISHER));
            // issue 16.5: the 2026 述职评议 panel, its scores and some units' 公开承诺
            DemoDebriefs.enter(services.get(1).baseUrl(), TokenClient.of(keycloak));
        }
        printUrls(services, broker, database, kafkaSasl);
        printSignIn(keycloak);
        System.out.println("  按 Ctrl-C 停止 (stop)");
        while (!stopping.get()) {
            for (ServiceProcess process : services) {
                if (!process.isAlive() && !stopping.get()) {
                    System.err.println(process.name() + " stopped unexpectedly, see " + process.log());
                    System.exit(1);
                }
            }
            if (!keycloak.isRunning() && !stopping.get()) {
                System.err.println("Keycloak stopped unexpectedly, see " + keycloak.log());
                System.exit(1);
            }
            if (!broker.isRunning() && !stopping.get()) {
                System.err.println("Kafka broker stopped unexpectedly, see " + broker.directory().resolve("broker.out"));
                System.exit(1);
            }
            Thread.sleep(2000);
        }
    }

    private static void printSignIn(KeycloakServer keycloak) {
        System.out.println();
        System.out.println("  登录 Sign in (Keycloak, realm " + CountyRealm.NAME + ")   " + keycloak.accountConsole());
        System.out.println("  管理 Keycloak admin console       " + keycloak.adminConsole() + "   (" + KeycloakServer.ADMIN_USER + " / "
                + KeycloakServer.ADMIN_PASSWORD + ")");
        System.out.println("  演示用户 Demo users (仅供演示 demo only):");
        List<CountyRealm.DemoUser> users = CountyRealm.demoUsers();
        for (CountyRealm.DemoUser user : users) {
            StringBuilder line = new StringBuilder(String.format("    %-16s 密码 %-6s %-22s %s", user.username(), user.password(),
                    String.join(",", user.roles()), user.displayName()));
            if (user.unitCode() != null) {
                line.append("  unit_code=").append(user.unitCode());
            }
            if (user.memberId() != null) {
                line.append("  member_id=").append(user.memberId());
            }
            System.out.println(line);
        }
        System.out.println("  学习平台 Learning platform: client " + CountyRealm.LEARNING_PLATFORM_CLIENT + " / "
                + CountyRealm.clientSecret(CountyRealm.LEARNING_PLATFORM_CLIENT) + " (client credentials)");
        CountyRealm.DemoUser assessor = users.stream().filter(u -> u.roles().contains("ASSESSOR")).findFirst().orElse(users.get(0));
        System.out.println("  令牌 Token:  curl -s -d client_id=" + CountyRealm.CLI_CLIENT + " -d grant_type=password -d username="
                + assessor.username() + " -d password=" + assessor.password() + " " + keycloak.tokenEndpoint());
        // every REST operation needs the token; the management ports (health, metrics) do not
        System.out.println("  调用 Call:   curl -s -H \"Authorization: Bearer <access_token>\" http://127.0.0.1:8082/rankings/2026-10");
    }

    /**
     * The demo county's months are locked by its loader (a month is published only once locked in assessment-service);
     * reporting-service hears of the locks and the scores through the topics, so each month is published once it does:
     * August, September, then October (each ranking compares with the month before), so the demo shows a published October.
     * First it waits until assessment-service has relayed every event and reporting-service has read them all: a lock is
     * on its own partition and may be read before some unit's scores, so "locked" alone does not mean "all facts in".
     * Publishing needs the committee's sign-in: the stack signs in as {@link #PUBLISHER} at its Keycloak.
     */
    private static void publishDemoMonths(List<ServiceProcess> services, TokenClient.Caller publisher) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        ServiceProcess assessment = services.get(0);
        ServiceProcess reporting = services.get(1);
        long caughtUpBy = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < caughtUpBy
                && !(allZero(assessment, "outbox_backlog") && allZero(reporting, "kafka_consumer_fetch_manager_records_lag{"))) {
            Thread.sleep(2000);
        }
        String authorization;
        try {
            authorization = publisher.authorization();
        } catch (RuntimeException e) {
            System.out.println("演示县排名未能发布：无法登录 (cannot sign in as " + publisher.name() + "): " + e.getMessage());
            return;
        }
        for (String month : new String[]{"2026-08", "2026-09", "2026-10"}) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            String outcome = null;
            while (outcome == null && System.nanoTime() < deadline) {
                try {
                    java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(reporting.baseUrl() + "/rankings/" + month + "/publish"))
                            .header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(60)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        outcome = "已发布 (published)";
                    } else if (response.statusCode() == 409 && response.body().contains("已发布")) {
                        outcome = "早已发布 (already published)";
                    } else if (response.statusCode() == 401 || response.statusCode() == 403) {
                        // waiting would not help: the realm or the service's sign-in settings are wrong
                        outcome = "未能发布 (not published: " + response.statusCode() + " as " + publisher.name() + ") " + response.body();
                    }
                } catch (IOException e) {
                    // reporting-service is still catching up: try again
                }
                if (outcome == null) {
                    Thread.sleep(2000);
                }
            }
            System.out.println("演示县 " + month + " 排名: " + (outcome != null ? outcome : "未能发布，请稍后手动发布 (not published: POST /rankings/" + month + "/publish)"));
        }
        System.out.println();
    }

    /**
     * Whether every sample of the metric (Prometheus text of {@code /q/metrics} on the service's management port, which
     * needs no token) is 0; false while it cannot be read.
     */
    private static boolean allZero(ServiceProcess service, String metric) {
        try {
            String text = service.metrics();
            boolean seen = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(metric.endsWith("{") ? metric : metric + " ") || line.startsWith(metric + "{")) {
                    seen = true;
                    if (Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) != 0) {
                        return false;
                    }
                }
            }
            return seen;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void printUrls(List<ServiceProcess> services, KafkaBroker broker, String database, boolean kafkaSasl) {
        // health and metrics are on the management ports (no token); every REST operation needs a bearer token
        String management = "http://127.0.0.1:{" + String.join(",", services.stream()
                .map(s -> Integer.toString(java.net.URI.create(s.managementUrl()).getPort())).toList()) + "}";
        String[] lines = {
                "工作台 Workbench (sign in below) http://127.0.0.1:8082/",
                "考评录入 Assessment REST         http://127.0.0.1:8081/units   http://127.0.0.1:8081/q/swagger-ui   (Authorization: Bearer <令牌 token>)",
                "排名 Rankings REST               http://127.0.0.1:8082/rankings/2026-10   http://127.0.0.1:8082/q/swagger-ui",
                "通知 Notices REST                http://127.0.0.1:8083/q/swagger-ui",
                "健康 Health (ready / live)       " + management + "/q/health/ready   .../q/health/live   (管理端口 management ports, 无需令牌 no token)",
                "指标 Metrics                     " + management + "/q/metrics",
                "Kafka bootstrap                  " + broker.bootstrapServers() + (kafkaSasl
                        ? "  SASL_PLAINTEXT SCRAM-SHA-512, user " + KafkaAccess.ADMIN + " / " + broker.sasl().adminPassword()
                        + "; each service and learning-platform as <name> / <name>-secret" : ""),
                "数据库 Database                  " + database,
        };
        for (String line : lines) {
            System.out.println("  " + line);
        }
    }

    private static PostgresDatabase parsePostgres(String url) {
        // jdbc:postgresql://host:port[/...]; user and password from PGUSER/PGPASSWORD
        String rest = url.replaceFirst("^jdbc:postgresql://", "");
        String hostPort = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
        PostgresDatabase fromEnv = PostgresDatabase.fromEnvironment();
        return new PostgresDatabase(host, port, fromEnv.user(), fromEnv.password());
    }

    /** Relative to the repository when inside it (./data), absolute otherwise (--data /tmp/county). */
    private static Path shown(Path root, Path path) {
        return path.startsWith(root) ? root.relativize(path) : path;
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private LocalStack() {
    }
}
