package cn.partybuilding.benchmark;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.identity.KeycloakServer;
import cn.partybuilding.local.PostgresDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 7's benchmark. Starts its own broker and the three services (from their built jars, prod profile,
 * fresh PostgreSQL databases {@code *_bench}) and prints figures; nothing here is an assertion.
 *
 * <pre>
 * deploy/tooling/benchmark/run [--runs 3] [--events 2000000] [--units 500] [--members 100] [--naive-events 20000] [--only all|ingest,publish,rest,workbench,e2e]
 * </pre>
 * Every part runs {@code --runs} times, each time on a fresh broker, fresh databases and freshly started services
 * (cold, as after a deployment); the end prints each figure's runs, min / median / max and whether its target held in
 * every run ({@link Figures}).
 */
public final class Benchmark {
    private final Map<String, String> options = new LinkedHashMap<>(Map.of(
            "events", "2000000", "units", "500", "members", "100", "naive-events", "20000", "only", "all",
            "catch-up-seconds", "900", "runs", "3"));
    private Figures figures;

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        for (int i = 0; i + 1 < args.length; i += 2) {
            benchmark.options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        benchmark.run();
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private boolean selected(String part) {
        return options.get("only").equals("all") || List.of(options.get("only").split(",")).contains(part);
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, %s %s, Java %s; options %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), options);
        // one Keycloak for all parts (its start costs 7–25 s): the services check real tokens, the REST load sends them
        try (KeycloakServer keycloak = KeycloakServer.onFreePort(Path.of("deploy/tooling/benchmark/target/keycloak")).start(Duration.ofMinutes(10))) {
            System.out.println("Keycloak (county realm) on " + keycloak.baseUrl());
            figures = new Figures(option("runs"));
            for (int r = 1; r <= figures.runs(); r++) {
                System.out.printf("%n######## run %d of %d ########%n", r, figures.runs());
                run(keycloak);
                figures.nextRun();
            }
        }
        System.out.print(figures.summary());
    }

    private void run(KeycloakServer keycloak) throws Exception {
        if (selected("ingest")) {
            try (Environment env = new Environment(keycloak).jvmOptions(jvmOptions())) {
                ingestion(env);
                System.out.println("peak RSS during ingestion (MiB): " + env.peakRss());
                recordRss(env, "ingestion");
            }
        }
        if (selected("publish") || selected("rest") || selected("workbench")) {
            try (Environment env = new Environment(keycloak).jvmOptions(jvmOptions())) {
                new BenchmarkParts(env, options, figures).run(part -> !part.equals("e2e") && selected(part));
                System.out.println("peak RSS during publication and REST parts (MiB): " + env.peakRss());
                recordRss(env, "publication, REST, workbench");
            }
        }
        if (selected("e2e")) {
            // its own services: the end-to-end latency of a quiet system, not of one still digesting the REST load
            try (Environment env = new Environment(keycloak).jvmOptions(jvmOptions())) {
                new BenchmarkParts(env, options, figures).run(part -> part.equals("e2e"));
                System.out.println("peak RSS during the end-to-end part (MiB): " + env.peakRss());
                recordRss(env, "end to end");
            }
        }
    }

    /** Issue 18.4: every service under 300 MB RSS during every part. */
    private void recordRss(Environment env, String part) {
        env.peakRss().forEach((service, mib) ->
                figures.record("peak RSS " + service + " (" + part + ")", "MiB", mib, Figures.Target.below(300, "MiB")));
    }

    /**
     * {@code --<service>-jvm "<options>"} (e.g. {@code --reporting-jvm}) replaces that service's JVM options, to compare
     * heap sizes or compilers; {@code --jvm-extra "<options>"} adds options to every service's (e.g. native memory
     * tracking or a class-loading log).
     */
    private Map<String, List<String>> jvmOptions() {
        List<String> extra = options.containsKey("jvm-extra") ? List.of(options.get("jvm-extra").trim().split("\\s+")) : List.of();
        Map<String, List<String>> byService = new java.util.LinkedHashMap<>();
        for (String service : List.of("assessment-service", "reporting-service", "notification-service")) {
            String own = options.get(service.replace("-service", "") + "-jvm");
            List<String> jvm = new java.util.ArrayList<>(own == null ? Environment.jvmOptions(service) : List.of(own.trim().split("\\s+")));
            jvm.addAll(extra);
            byService.put(service, jvm);
        }
        return byService;
    }

    // ------------------------------------------------------------------ 1. ingestion

    private void ingestion(Environment env) throws Exception {
        Kafka kafka = env.kafka;
        int units = option("units");
        int members = option("members");
        int events = option("events");
        int perMember = (int) Math.ceil(events / (double) (units * members));
        System.out.printf("%n== 1. Ingestion: %,d study.completed events over %d units, %,d members ==%n", events, units, units * members);

        long t0 = System.nanoTime();
        kafka.send(Topics.ASSESSMENT, BenchEvents.indicatorSystem(40));
        for (int u = 0; u < units; u++) {
            kafka.send(Topics.ORGANISATION, BenchEvents.unit(u));
            for (int m = 0; m < members; m++) {
                kafka.send(Topics.ORGANISATION, BenchEvents.member(u, m));
            }
        }
        int produced = 0;
        long bytes = 0;
        outer:
        for (int k = 0; k < perMember; k++) {
            for (int m = 0; m < members; m++) {
                for (int u = 0; u < units; u++) {
                    if (produced == events) {
                        break outer;
                    }
                    var event = BenchEvents.completion(u, m, k);
                    byte[] value = CloudEventCodec.write(event);
                    bytes += value.length;
                    kafka.send(Topics.STUDY, event.subject(), value);
                    produced++;
                }
            }
        }
        kafka.flush();
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("produced %,d events (mean %d bytes) in %.1f s: %,.0f events/s (acks=all, lz4)%n",
                produced, bytes / produced, produceSeconds, produced / produceSeconds);

        double raw = rawConsumerRate(kafka, produced);
        System.out.printf("raw Kafka consumer (no processing), this machine's ceiling: %,.0f events/s%n", raw);
        figures.record("ingest: raw Kafka consumer, no processing", "events/s", raw);

        double naive = naiveConsumerRate(env, option("naive-events"));
        System.out.printf("naive consumer (one transaction per event, PostgreSQL): %,.0f events/s%n", naive);
        figures.record("ingest: naive consumer, a transaction per event", "events/s", naive);
        double postgresBefore = Cpu.postgresSeconds();

        // the services, consuming the backlog from the beginning
        long start = System.nanoTime();
        // assessment-service also keeps a copy of study events other systems publish (it consumes the same
        // topic); --assessment-mirror true measures reporting-service while that competes for the 2 cores.
        boolean mirror = Boolean.parseBoolean(options.getOrDefault("assessment-mirror", "false"));
        System.out.println("assessment-service's copy of foreign study events: " + (mirror ? "on (competing)" : "off"));
        Map<String, String> settings = new java.util.HashMap<>(Map.of("eventing.consumers.external-study.enabled", Boolean.toString(mirror)));
        if (options.containsKey("reporting-consumers")) {
            settings.put("eventing.consumers.ingest.loops", options.get("reporting-consumers"));
        }
        env.startServices(settings);
        double readyAt = (System.nanoTime() - start) / 1e9;
        long reportingPid = env.service("reporting-service").pid();
        double reportingCpuAtReady = Cpu.seconds(reportingPid);
        List<String> consumed = List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY);
        long total = produced + units + (long) units * members + 1;
        double firstProgress = -1;
        double done = -1;
        System.out.println("consumer lag of reporting-service over time (s: records):");
        StringBuilder lagLine = new StringBuilder();
        while ((System.nanoTime() - start) / 1e9 < option("catch-up-seconds")) {
            long lag = kafka.lag("reporting-service", consumed);
            double now = (System.nanoTime() - start) / 1e9;
            env.sampleMemory();
            if (lag >= 0 && lag < total && firstProgress < 0) {
                firstProgress = now;
            }
            lagLine.append(String.format("%.0f:%d ", now, lag < 0 ? total : lag));
            if (lag == 0) {
                done = now;
                break;
            }
            Thread.sleep(500);
        }
        System.out.println("  " + lagLine);
        if (done < 0) {
            System.out.println("reporting-service did not catch up within " + options.get("catch-up-seconds") + " s");
        } else {
            double window = done - Math.max(firstProgress, 0);
            System.out.printf("reporting-service aggregated %,d events: ready after %.1f s, first commit at %.1f s, caught up at %.1f s%n",
                    total, readyAt, firstProgress, done);
            System.out.printf("aggregation throughput: %,.0f events/s (first commit to last; lag sampled every 0.5 s), %,.0f events/s from process start%n",
                    total / window, total / done);
            figures.record("ingest: reporting-service aggregation, first commit to last", "events/s", total / window,
                    Figures.Target.atLeast(100_000, "/s"));
            figures.record("ingest: from process start", "events/s", total / done);
            // CPU per event: reporting-service's JVM after it was ready (start-up excluded), and the whole PostgreSQL
            // server from the services' start (the naive consumer's work before that excluded)
            double reportingCpu = Cpu.seconds(reportingPid) - reportingCpuAtReady;
            double postgresCpu = Cpu.postgresSeconds() - postgresBefore;
            System.out.printf("CPU per aggregated event: reporting-service %.1f µs, PostgreSQL %.1f µs (%.1f s and %.1f s in all)%n",
                    reportingCpu * 1e6 / total, postgresCpu * 1e6 / total, reportingCpu, postgresCpu);
            figures.record("ingest: reporting-service CPU per event", "µs", reportingCpu * 1e6 / total);
            figures.record("ingest: PostgreSQL CPU per event", "µs", postgresCpu * 1e6 / total);
            // the reporting database's own backends: what a shared machine's other databases do not inflate
            double backendCpu = Cpu.backendSeconds(env.postgres, Environment.database("reporting"));
            System.out.printf("CPU per aggregated event in the reporting database's backends: %.1f µs (%.1f s)%n",
                    backendCpu * 1e6 / total, backendCpu);
            figures.record("ingest: PostgreSQL CPU per event, reporting database's backends", "µs", backendCpu * 1e6 / total);
        }
        if (done > 0) {
            double ratio = total / (done - Math.max(firstProgress, 0)) / naive;
            System.out.printf("ratio aggregated / naive: %.1f x%n", ratio);
            figures.record("ingest: aggregated ÷ naive", "×", ratio, Figures.Target.atLeast(20, "×"));
        }
    }

    private double rawConsumerRate(Kafka kafka, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("bench-raw"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STUDY));
            long count = 0;
            long start = 0;
            while (count < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    count++;
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** What most implementations do: per event, one transaction that checks the id and inserts the row. */
    private double naiveConsumerRate(Environment env, int limit) throws Exception {
        Kafka kafka = env.kafka;
        PostgresDatabase postgres = env.postgres;
        String url = postgres.recreateDatabase(Environment.database("naive"));
        var props = kafka.consumerProps("bench-naive");
        props.put("enable.auto.commit", true); // the usual default; only the database transaction is per event
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table processed_event (event_id varchar(64) primary key)");
                ddl.execute("create table study_completion (member_id varchar(40), activity_type varchar(40), day date, minutes int, primary key (member_id, activity_type, day))");
            }
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(Topics.STUDY));
            long count = 0;
            long start = 0;
            try (PreparedStatement processed = connection.prepareStatement("insert into processed_event values (?) on conflict do nothing");
                 PreparedStatement insert = connection.prepareStatement("insert into study_completion values (?, ?, ?, ?) on conflict do nothing")) {
                while (count < limit) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (start == 0) {
                            start = System.nanoTime();
                        }
                        var event = CloudEventCodec.read(record.value());
                        processed.setString(1, event.id());
                        if (processed.executeUpdate() == 1) {
                            var data = event.data();
                            insert.setString(1, data.get("memberId").asText());
                            insert.setString(2, data.get("activityType").asText());
                            insert.setObject(3, java.time.LocalDate.parse(data.get("date").asText()));
                            insert.setInt(4, data.get("minutes").asInt());
                            insert.executeUpdate();
                        }
                        connection.commit();
                        if (++count == limit) {
                            break;
                        }
                    }
                }
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }
}
