package cn.partybuilding.eventing;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.local.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A killed service's partitions are consumed again as soon as it restarts (issue 17): each loop is a static member
 * ({@code group.instance.id}), so the restarted loop rejoins under the killed one's id and the broker hands it the
 * partitions at once, instead of waiting for the dead member's session to expire.
 *
 * <p>The team measures speed with benchmarks that print figures, never with timed assertions; the figures are printed
 * here. What is asserted is the functional property, made independent of the machine's speed by a long session: the
 * killed member's session is 60 s and the restarted one must consume within 30 s, which it can only do if the broker
 * gave it the partitions without the old session expiring. The dynamic member (no instance id) shows the slow path for
 * comparison, printed only.
 */
class StaticMembershipTest {
    private static final int SESSION_MS = 60_000;
    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.temporary().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aRestartedStaticMemberTakesBackItsPartitionsWithoutWaitingForTheSession() throws Exception {
        long millis = killConsumeAndRestart("static.member.v1", "static-test", "reporting-0-ingest-0", SESSION_MS, Duration.ofSeconds(30));
        System.out.printf("static member: restarted loop consumed the records produced while it was dead %d ms after its start "
                + "(session timeout %d ms)%n", millis, SESSION_MS);
    }

    @Test
    void withoutAnInstanceIdTheRestartedMemberWaitsForTheDeadOnesSession() throws Exception {
        int session = 10_000;
        long millis = killConsumeAndRestart("dynamic.member.v1", "dynamic-test", "-", session, Duration.ofSeconds(60));
        System.out.printf("dynamic member: restarted loop consumed %d ms after its start (session timeout %d ms)%n", millis, session);
    }

    /**
     * Two instances (pods with their own names): one shuts down (a rolling update); it leaves the group on close, so the
     * other consumes its partitions at once, not after the 60 s session the broker would otherwise keep them for.
     */
    @Test
    void anInstanceShutDownLeavesTheGroupAndTheOtherTakesItsPartitionsAtOnce() throws Exception {
        String topic = "leaving.member.v1";
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 4, (short) 1))).all().get();
        }
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        publish(topic, 12);
        try (BatchConsumerLoop staying = loop("leaving-test", topic, "pod-b-ingest-0", SESSION_MS, second).start("staying")) {
            BatchConsumerLoop leaving = loop("leaving-test", topic, "pod-a-ingest-0", SESSION_MS, first).start("leaving");
            // the first loop may have consumed the first records alone before the second joined: records keep coming
            // until each instance has had some, i.e. the group has split the partitions between them
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((first.isEmpty() || second.isEmpty()) && System.nanoTime() < deadline) {
                publish(topic, 12);
                Thread.sleep(500);
            }
            assertFalse(first.isEmpty() || second.isEmpty(), "both instances had partitions");
            leaving.close();
            long closed = System.nanoTime();
            List<String> after = publish(topic, 12);
            waitFor(() -> second.containsAll(after), Duration.ofSeconds(30));
            assertTrue(second.containsAll(after), "the staying instance consumed every partition within 30 s (session 60 s)");
            System.out.printf("graceful leave: the other instance consumed the leaver's partitions %d ms after its close%n",
                    Duration.ofNanos(System.nanoTime() - closed).toMillis());
        }
    }

    /** Two instances configured alike: the older loop is fenced and stops (no tug of war), the newer one consumes. */
    @Test
    void aLoopFencedByAnotherInstanceWithItsIdStopsAndTheOtherConsumes() throws Exception {
        String topic = "fenced.member.v1";
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        List<String> before = publish(topic, 5);
        try (BatchConsumerLoop older = loop("fenced-test", topic, "same-id", 45_000, first).start("older")) {
            waitFor(() -> first.containsAll(before), Duration.ofSeconds(60));
            try (BatchConsumerLoop newer = loop("fenced-test", topic, "same-id", 45_000, second).start("newer")) {
                waitFor(older::fenced, Duration.ofSeconds(60));
                assertTrue(older.fenced(), "the older loop learns it was fenced");
                List<String> after = publish(topic, 5);
                waitFor(() -> second.containsAll(after), Duration.ofSeconds(60));
                assertTrue(second.containsAll(after), "the newer loop consumes");
                assertFalse(first.stream().anyMatch(after::contains), "the fenced loop stopped consuming");
                Thread.sleep(3_000);
                assertFalse(newer.fenced(), "the stopped loop did not rejoin and fence the newer one in turn");
            }
        }
    }

    /**
     * A member in a child JVM consumes, is killed (no LeaveGroup), records arrive meanwhile, a loop with the same instance
     * id starts; returns how long after its start it had consumed them all, failing past {@code bound}.
     */
    private static long killConsumeAndRestart(String topic, String group, String instanceId, int sessionMs, Duration bound) throws Exception {
        List<String> before = publish(topic, 10);
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StaticMemberProcess.class.getName(),
                broker.bootstrapServers(), group, topic, instanceId, Integer.toString(sessionMs))
                .redirectErrorStream(true).start();
        Set<String> appliedByKilled = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("applied ")) {
                        appliedByKilled.add(line.substring("applied ".length()));
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            waitFor(() -> appliedByKilled.containsAll(before), Duration.ofSeconds(90));
            assertTrue(appliedByKilled.containsAll(before), "the first member consumed");
            Thread.sleep(1_000); // its offset commit follows the handler
        } finally {
            killed.destroyForcibly().waitFor();
        }
        List<String> meanwhile = publish(topic, 10);
        Set<String> applied = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        try (BatchConsumerLoop restarted = loop(group, topic, instanceId, sessionMs, applied).start("restarted")) {
            waitFor(() -> applied.containsAll(meanwhile), bound);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(applied.containsAll(meanwhile), "the restarted member consumed the records produced while it was dead within "
                    + bound + " (" + applied.size() + " applied)");
            return millis;
        }
    }

    private static BatchConsumerLoop loop(String group, String topic, String instanceId, int sessionMs, Set<String> applied) {
        Properties base = new Properties();
        base.put("bootstrap.servers", broker.bootstrapServers());
        Properties consumer = (Properties) base.clone();
        consumer.put("session.timeout.ms", sessionMs);
        if (!"-".equals(instanceId)) {
            consumer.put("group.instance.id", instanceId);
        }
        BatchHandler handler = batch -> {
            batch.forEach(e -> applied.add(e.id()));
            return List.of();
        };
        return new BatchConsumerLoop(group, List.of(topic), handler, consumer, base, 100, Duration.ofMillis(200), c -> () -> { });
    }

    private static List<String> publish(String topic, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CloudEvent event = CloudEvent.of("/test", EventTypes.STUDY_COMPLETED, "U" + (i % 4), CloudEventCodec.toTree(Map.of("seq", i)));
            TopicProbe.publish(broker.bootstrapServers(), topic, event);
            ids.add(event.id());
        }
        return ids;
    }

    private static void waitFor(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
