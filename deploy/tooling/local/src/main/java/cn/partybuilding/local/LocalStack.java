package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole system on one machine: a Kafka broker, the three services and their databases (H2 files
 * under the data folder, or databases on a PostgreSQL server when {@code --postgres} is given), with
 * the demo county loaded on the first run. Ctrl-C stops everything it started; the next run reuses
 * the data. Started by {@code deploy/tooling/local/stack}, which builds the services first.
 *
 * <pre>
 * options: --data DIR                      data folder (default ./data)
 *          --postgres jdbc:postgresql://HOST:PORT   use databases assessment, reporting, notification there
 *          --kafka-port N                  broker port (default 9092)
 * </pre>
 */
public final class LocalStack {
    private static final String[][] SERVICES = {
            {"assessment-service", "8081"},
            {"reporting-service", "8082"},
            {"notification-service", "8083"},
    };

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve("data");
        String postgres = null;
        int kafkaPort = 9092;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]).toAbsolutePath();
                case "--postgres" -> postgres = args[++i];
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--profile" -> i++; // consumed by the script
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (int port : new int[]{kafkaPort, kafkaPort + 1, 8081, 8082, 8083}) {
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
        KafkaBroker broker = KafkaBroker.persistent(data.resolve("kafka"), kafkaPort, kafkaPort + 1, "384m");
        List<ServiceProcess> services = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\n正在停止 (stopping) ...");
            services.forEach(ServiceProcess::close);
            broker.stop();
            System.out.println("已停止。数据保留在 " + dataDir.getFileName() + "/ (data kept).");
        }));
        System.out.println("启动 Kafka broker on 127.0.0.1:" + kafkaPort + " ...");
        broker.start();

        PostgresDatabase server = postgres == null ? null : parsePostgres(postgres);
        for (String[] service : SERVICES) {
            String name = service[0];
            String db = name.substring(0, name.indexOf('-'));
            ServiceProcess process = new ServiceProcess(root, name, Integer.parseInt(service[1]), logs)
                    .property("kafka.bootstrap.servers", broker.bootstrapServers())
                    .property("assessment.demo.enabled", "true");
            if (server == null) {
                process.property("quarkus.profile", "local").property("stack.data-dir", data.resolve("db").toString());
            } else {
                process.property("quarkus.datasource.jdbc.url", server.ensureDatabase(db))
                        .property("quarkus.datasource.username", server.user())
                        .property("quarkus.datasource.password", server.password());
            }
            services.add(process);
            System.out.println("启动 " + name + " on :" + service[1] + " (log: " + root.relativize(process.log()) + ")");
            process.start();
        }
        for (ServiceProcess process : services) {
            process.awaitReady(Duration.ofMinutes(3));
        }
        System.out.printf("%n全部就绪 (all ready) in %.1f s%s%n%n", (System.nanoTime() - started) / 1e9,
                firstRun ? "; 演示县 (demo county) loaded, reporting-service ranks it within seconds" : "");
        printUrls(broker, server == null ? data.resolve("db") + " (H2)" : postgres);
        while (!stopping.get()) {
            for (ServiceProcess process : services) {
                if (!process.isAlive() && !stopping.get()) {
                    System.err.println(process.name() + " stopped unexpectedly, see " + process.log());
                    System.exit(1);
                }
            }
            if (!broker.isRunning() && !stopping.get()) {
                System.err.println("Kafka broker stopped unexpectedly, see " + broker.directory().resolve("broker.out"));
                System.exit(1);
            }
            Thread.sleep(2000);
        }
    }

    private static void printUrls(KafkaBroker broker, String database) {
        String[] lines = {
                "看板 Dashboard (reporting)       http://127.0.0.1:8082/",
                "考评录入 Assessment REST         http://127.0.0.1:8081/units   http://127.0.0.1:8081/q/swagger-ui",
                "排名 Rankings REST               http://127.0.0.1:8082/rankings/2026-10   http://127.0.0.1:8082/q/swagger-ui",
                "通知 Notices REST                http://127.0.0.1:8083/q/swagger-ui",
                "健康 Health (ready / live)       http://127.0.0.1:808{1,2,3}/q/health/ready   .../q/health/live",
                "指标 Metrics                     http://127.0.0.1:808{1,2,3}/q/metrics",
                "Kafka bootstrap                  " + broker.bootstrapServers(),
                "数据库 Database                  " + database,
                "按 Ctrl-C 停止 (stop)",
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
