package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.local.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two relays against one database, as two instances of a service run them: only the lease holder publishes; when it
 * goes (shut down, or its session killed) the lease is taken again within seconds, and every event goes out exactly once
 * and in outbox order.
 */
@QuarkusTest
@PlatformTestResources
class OutboxLeaseTest {
    private static final String TOPIC = "platform.lease";

    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private OutboxRelay second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.stop();
        }
        if (!relay.active()) {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(relay::active);
    }

    @Test
    void oneRelayPublishesTheOtherStandsByAndTakesOverWhenTheHolderGoesOrDies() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(relay::active);
        second = secondRelay();
        second.start();
        Thread.sleep(config.leaseRetry().toMillis() + 500);
        assertFalse(second.active(), "the second relay stands by while the first holds the lease");
        assertEquals(1, leaseHolders(), "one session holds the lease");
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'outbox' }.data.activeRelay", org.hamcrest.Matchers.equalTo(true));

        List<String> sent = new ArrayList<>(publish(0, 30));
        awaitDrained();
        assertEquals(0, second.published(), "a standby publishes nothing");

        // the holder shuts down: it gives the lease up, the standby takes over within one lease retry
        long stoppedAt = System.nanoTime();
        relay.stop();
        await().atMost(config.leaseRetry().plusSeconds(2)).pollInterval(Duration.ofMillis(50)).until(second::active);
        System.out.printf("lease taken over %d ms after the holder shut down%n", (System.nanoTime() - stoppedAt) / 1_000_000);
        sent.addAll(publish(30, 30));
        awaitDrained();

        // the holder dies: its session ends without a word; events written meanwhile wait in the outbox, none is lost
        relay.start();
        Thread.sleep(500);
        long killedAt = System.nanoTime();
        terminateLeaseHolder();
        sent.addAll(publish(60, 30));
        await().atMost(config.leaseRetry().plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> leaseHolders() == 1 && (relay.active() ^ second.active()));
        System.out.printf("lease held again %d ms after the holder's session was killed%n", (System.nanoTime() - killedAt) / 1_000_000);
        awaitDrained();

        List<CloudEvent> received = TopicProbe.events(bootstrap, TOPIC, EventTypes.PERIOD_LOCKED, sent.size(), Duration.ofSeconds(30));
        Map<String, Long> copies = received.stream().collect(Collectors.groupingBy(CloudEvent::id, Collectors.counting()));
        assertEquals(sent.size(), copies.size(), "every event arrived");
        assertTrue(copies.values().stream().allMatch(n -> n == 1), "no event arrived twice: " + copies);
        Map<String, List<Integer>> perKey = new HashMap<>();
        received.forEach(e -> perKey.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e.data().get("n").asInt()));
        perKey.forEach((key, ns) -> assertEquals(ns.stream().sorted().toList(), ns, "order of " + key));
        assertTrue(second.registry.find("outbox.relay.active").gauge() != null);
    }

    private OutboxRelay secondRelay() {
        OutboxRelay r = new OutboxRelay();
        // what the container injects into the service's own relay
        r.dataSource = dataSource;
        r.config = config;
        r.registry = io.quarkus.arc.Arc.container().select(MeterRegistry.class).get();
        r.kafkaClients = io.quarkus.arc.Arc.container().select(KafkaClients.class).get();
        return r;
    }

    private List<String> publish(int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            int i = n;
            ids.add(QuarkusTransaction.requiringNew().call(() ->
                    publisher.publish(TOPIC, EventTypes.PERIOD_LOCKED, "U" + (i % 3), Map.of("n", i, "period", "2060-01", "by", "lease"))).id());
        }
        return ids;
    }

    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> query("select count(*) from outbox_event where sent_at is null", rs -> rs.getInt(1)) == 0);
    }

    private int leaseHolders() throws SQLException {
        return query("select count(*) from pg_locks where locktype = 'advisory' and classid = 17001 and granted"
                + " and database = (select oid from pg_database where datname = current_database())", rs -> rs.getInt(1));
    }

    private void terminateLeaseHolder() throws SQLException {
        Boolean terminated = query("select bool_and(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' and classid = 17001"
                + " and granted and database = (select oid from pg_database where datname = current_database())", rs -> rs.getBoolean(1));
        assertTrue(terminated, "the holder's session was terminated");
    }

    private interface Read<T> {
        T apply(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Read<T> read) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return read.apply(rs);
        }
    }
}
