package cn.partybuilding.eventing.cluster;

import cn.partybuilding.eventing.sample.PlatformTestResources;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances' caches against one database: a change signalled by one reaches the other, a lost LISTEN drops everything. */
@QuarkusTest
@PlatformTestResources
class ClusterInvalidationsTest {
    @Inject
    AgroalDataSource dataSource;

    static final class Heard implements ClusterInvalidations.Listener {
        final Set<String> keys = ConcurrentHashMap.newKeySet();
        final AtomicInteger all = new AtomicInteger();

        @Override
        public void keys(Collection<String> changed) {
            keys.addAll(changed);
        }

        @Override
        public void all() {
            all.incrementAndGet();
        }
    }

    @Test
    void aChangeOnOneInstanceReachesTheOtherAndAReconnectDropsEverything() throws Exception {
        Heard first = new Heard();
        Heard second = new Heard();
        try (ClusterInvalidations a = new ClusterInvalidations(dataSource, "test_cache", first, Duration.ofMillis(200)).start();
             ClusterInvalidations b = new ClusterInvalidations(dataSource, "test_cache", second, Duration.ofMillis(200)).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.listening() && b.listening());
            assertEquals(1, first.all.get(), "the first connection drops what was cached before listening");

            a.changed(List.of("U1", "U2"));
            await().atMost(Duration.ofSeconds(5)).until(() -> second.keys.containsAll(Set.of("U1", "U2")));
            a.changedAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.all.get() == 2);
            Thread.sleep(300);
            assertTrue(first.keys.isEmpty(), "an instance does not hear itself");
            assertEquals(1, first.all.get(), "an instance does not hear itself");

            // the LISTEN connections die: missed notifications are unknown, so each drops everything when it is back
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'test_cache-listen'"
                        + " and datname = current_database()");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> first.all.get() == 2 && second.all.get() == 3 && a.listening() && b.listening());
            b.changed(List.of("U3"));
            await().atMost(Duration.ofSeconds(5)).until(() -> first.keys.contains("U3"));
        }
    }
}
