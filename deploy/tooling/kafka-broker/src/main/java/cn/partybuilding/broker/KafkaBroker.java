package cn.partybuilding.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Apache Kafka broker (KRaft, broker and controller in one process) in a JVM of its own.
 * A separate process is what a fault test can stop and restart, and it keeps Scala and the broker's
 * dependencies off the services' classpaths. The classpath comes from the Maven build of this module.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final boolean deleteOnClose;
    private final String heap;
    private final Sasl sasl;
    private Process process;

    private KafkaBroker(Path directory, int port, int controllerPort, boolean deleteOnClose, String heap, Sasl sasl) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.deleteOnClose = deleteOnClose;
        this.heap = heap;
        this.sasl = sasl;
    }

    /** A throw-away PLAINTEXT broker on free ports in a temporary directory, removed on {@link #close()}. */
    public static KafkaBroker temporary() {
        return temporary(null);
    }

    /** The same with SASL sign-in and ACLs when {@code sasl} is given (null: PLAINTEXT, everyone may do everything). */
    public static KafkaBroker temporary(Sasl sasl) {
        try {
            return new KafkaBroker(Files.createTempDirectory("kafka-broker-"), freePort(), freePort(), true, "512m", sasl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PLAINTEXT broker that keeps its log in {@code directory} across runs (the local stack). */
    public static KafkaBroker persistent(Path directory, int port, int controllerPort, String heap) {
        return persistent(directory, port, controllerPort, heap, null);
    }

    /**
     * The same with SASL when {@code sasl} is given. Its users are written into the log when it is formatted, so a
     * directory first formatted without SASL (or with other users) is refused rather than started half-secured.
     */
    public static KafkaBroker persistent(Path directory, int port, int controllerPort, String heap, Sasl sasl) {
        return new KafkaBroker(directory, port, controllerPort, false, heap, sasl);
    }

    /**
     * SASL/SCRAM-SHA-512 sign-in on the client listener, Kafka's StandardAuthorizer, and nothing allowed without an
     * ACL. {@code admin} is the super user (the tooling's: topics, ACLs); {@code users} are the other principals with
     * their passwords. Who may do what is not decided here: the admin grants it (the local module's {@code KafkaAccess}).
     */
    public record Sasl(String admin, String adminPassword, Map<String, String> users) {
        public static final String MECHANISM = "SCRAM-SHA-512";

        public Sasl {
            users = Map.copyOf(users);
        }

        /** Every principal with its password, the admin first. */
        public Map<String, String> all() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put(admin, adminPassword);
            all.putAll(users);
            return all;
        }

        /** The client settings (without {@code bootstrap.servers}) that sign in as {@code user}. */
        public Map<String, String> clientSettings(String user) {
            String password = all().get(user);
            if (password == null) {
                throw new IllegalArgumentException("no Kafka user " + user);
            }
            return Map.of("security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", MECHANISM,
                    "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password, ""));
        }
    }

    static String jaas(String module, String user, String password, String extra) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + extra + ";";
    }

    /** Null for a PLAINTEXT broker. */
    public Sasl sasl() {
        return sasl;
    }

    /** The settings a client needs besides the bootstrap servers to sign in as {@code user} (empty for PLAINTEXT). */
    public Map<String, String> clientSettings(String user) {
        return sasl == null ? Map.of() : sasl.clientSettings(user);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats the storage on first use, starts the broker and waits until it accepts connections. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Path config = writeConfig();
            Path logs = directory.resolve("logs");
            Path securityMarker = directory.resolve("sasl-users");
            String users = sasl == null ? "" : String.join(",", new java.util.TreeSet<>(sasl.all().keySet()));
            if (!Files.exists(logs.resolve("meta.properties"))) {
                List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t",
                        UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString(), "--ignore-formatted"));
                if (sasl != null) {
                    // SCRAM credentials live in the cluster's metadata: they must be there before anyone can sign in
                    sasl.all().forEach((user, password) -> {
                        format.add("--add-scram");
                        format.add(Sasl.MECHANISM + "=[name=" + user + ",password=" + password + "]");
                    });
                }
                run(format, Duration.ofSeconds(60));
                Files.writeString(securityMarker, users, StandardCharsets.UTF_8);
            } else {
                String formattedWith = Files.exists(securityMarker) ? Files.readString(securityMarker, StandardCharsets.UTF_8).trim() : "";
                if (!formattedWith.equals(users)) {
                    throw new IllegalStateException("Kafka data in " + directory + " was formatted " + (formattedWith.isEmpty()
                            ? "without SASL users" : "with SASL users " + formattedWith) + ", not " + (users.isEmpty() ? "PLAINTEXT" : users)
                            + ": delete the folder to start afresh");
                }
            }
            ProcessBuilder builder = new ProcessBuilder(javaCommand("kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.out").toFile()));
            process = builder.start();
            // a minute is plenty on an idle machine; one busy with other builds needed more (the stack with --kafka-sasl)
            awaitPort(Duration.ofSeconds(120));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the broker (SIGTERM, then SIGKILL) and waits until the port is closed. The data stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(directory);
        }
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(directory);
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                listeners(),
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + directory.resolve("logs").toAbsolutePath(),
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=-1",
                "") ;
        Path file = directory.resolve("server.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * PLAINTEXT, or SASL with SCRAM for clients. The controller listener (the node talking to itself) cannot use SCRAM,
     * whose credentials live in the metadata the controller serves, so it signs in with SASL PLAIN as the admin,
     * whose password is in this file only: no client reaches the controller without it either.
     */
    private String listeners() {
        if (sasl == null) {
            return String.join("\n",
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        return String.join("\n",
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + Sasl.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + Sasl.MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + jaas("org.apache.kafka.common.security.scram.ScramLoginModule", sasl.admin(), sasl.adminPassword(), ""),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                        sasl.admin(), sasl.adminPassword(), " user_" + sasl.admin() + "=\"" + sasl.adminPassword() + "\""),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + sasl.admin(),
                "allow.everyone.if.no.acl.found=false");
    }

    private void run(List<String> mainAndArgs, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(mainAndArgs.get(0), mainAndArgs.subList(1, mainAndArgs.size()).toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("storage-tool.out").toFile()));
        Process tool = builder.start();
        try {
            if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed, see " + directory.resolve("storage-tool.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(brokerClasspath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build deploy/tooling/kafka-broker with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see " + directory.resolve("broker.out"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("Kafka broker did not open port " + port + " within " + timeout);
    }

    public static int freePort() {
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

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** Runs a broker in the foreground: {@code KafkaBroker <dir> <port> <controllerPort>}. */
    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = persistent(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), "512m").start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        System.out.println("Kafka broker on " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
