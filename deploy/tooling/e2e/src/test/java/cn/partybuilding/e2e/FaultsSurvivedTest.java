package cn.partybuilding.e2e;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.local.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17.3, faults survived: the county of {@link CountyMonthEndToEndTest} runs September and October of one year
 * without faults, then the same requests for the next year while {@link FaultInjector} SIGKILLs each service once,
 * restarts the broker and restarts PostgreSQL. The faulted year must end as the fault-free one: the same published
 * rankings (and the end-to-end test's hand-computed October), the same notices (0 lost, 0 duplicated), the same number of
 * rows added to every table; while PostgreSQL is down each service answers 503 problem+json with Retry-After. The
 * recovery time of each fault is printed (and written to {@code target/faults/recovery.txt}), not asserted.
 *
 * <p>The fault-free run is a real run in the same system, one year earlier, rather than a second system: it costs half
 * a minute instead of the two a second start of Keycloak, the broker and the services would, and compares the two years
 * on the same databases. Years are past (2024, 2025): assessment-service refuses scores for future months; the
 * databases are this test's own, on a PostgreSQL it starts itself (embedded, from Maven) because it stops it — never
 * the machine's server, which other tests use. Its own Maven profile: {@code mvn -Pfaults verify} (.ci/run).
 */
class FaultsSurvivedTest {
    static final int FAULT_FREE = 2024;
    static final int FAULTED = 2025;

    private static Path directory;
    private static int postgresPort;
    private static EmbeddedPostgresServer postgres;
    private static RunningSystem system;
    private static double startSeconds;

    @BeforeAll
    static void start() throws IOException {
        Path root = Path.of(System.getProperty("repository.root", "../../..")).toAbsolutePath().normalize();
        directory = root.resolve("deploy/tooling/e2e/target/faults");
        deleteRecursively(directory);
        Files.createDirectories(directory);
        long started = System.nanoTime();
        postgresPort = KafkaBroker.freePort();
        postgres = startPostgres();
        system = RunningSystem.on(postgres.database());
        startSeconds = (System.nanoTime() - started) / 1e9;
    }

    /** The services' PostgreSQL, on its port and data directory: a start after a stop is the restart. */
    private static EmbeddedPostgresServer startPostgres() {
        return EmbeddedPostgresServer.persistent(directory.resolve("postgres"), directory.resolve("postgres.log"), postgresPort);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCountyYearEndsTheSameWhateverFails() throws IOException {
        long started = System.nanoTime();
        CountyYear county = new CountyYear(system);
        county.register(FAULT_FREE);
        RowCounts registered = settledRows();
        county.run(FAULT_FREE, CountyYear.Faults.NONE);
        RowCounts faultFree = settledRows();
        double faultFreeSeconds = (System.nanoTime() - started) / 1e9;

        FaultInjector faults = new FaultInjector(system, FAULTED, postgres, FaultsSurvivedTest::startPostgres);
        try {
            county.run(FAULTED, faults);
        } finally {
            postgres = faults.postgres();
        }
        List<String> expectedNotices = county.notices(FAULT_FREE);
        try {
            await().atMost(CountyYear.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> county.notices(FAULTED).equals(expectedNotices));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the comparison below says what differs
        }
        RowCounts faulted = settledRows();
        report(faults, faultFreeSeconds, (System.nanoTime() - started) / 1e9);

        List<String> failures = new ArrayList<>();
        for (String answer : faults.outageAnswers()) {
            if (!answer.matches(".*: 503 application/problem\\+json.* Retry-After=\\d+")) {
                failures.add("while PostgreSQL was down, not 503 problem+json with Retry-After: " + answer);
            }
        }
        expect(failures, "October's published ranking", CountyMonthEndToEndTest.expectedRows(), county.published(FAULTED + "-10"));
        expect(failures, "September's published ranking", county.published(FAULT_FREE + "-09"), county.published(FAULTED + "-09"));
        List<String> notices = county.notices(FAULTED);
        if (expectedNotices.size() < 30) {
            failures.add("the fault-free year has too few notices to compare with: " + expectedNotices);
        }
        expect(failures, "notices lost", List.of(), minus(expectedNotices, notices));
        expect(failures, "notices duplicated (or more than without faults)", List.of(), minus(notices, expectedNotices));
        Map<String, Long> withoutFaults = faultFree.since(registered);
        Map<String, Long> withFaults = faulted.since(faultFree);
        System.out.printf("fault test: rows added by the fault-free year %d, by the faulted year %d, over %d tables; notices %d and %d"
                        + " (lost %d, duplicated %d)%n",
                withoutFaults.values().stream().mapToLong(Long::longValue).sum(), withFaults.values().stream().mapToLong(Long::longValue).sum(),
                withoutFaults.size(), expectedNotices.size(), notices.size(), minus(expectedNotices, notices).size(), minus(notices, expectedNotices).size());
        withoutFaults.forEach((table, rows) -> {
            if (!rows.equals(withFaults.get(table))) {
                failures.add("rows added to " + table + ": " + rows + " without faults, " + withFaults.get(table) + " with");
            }
        });
        assertTrue(failures.isEmpty(), failures.size() + " differences from the fault-free year:\n" + String.join("\n", failures));
    }

    private static void expect(List<String> failures, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** The row counts once they stay the same for two seconds: nothing consumed, published or written any more. */
    private RowCounts settledRows() {
        List<String> urls = List.of(system.database(system.assessment), system.database(system.reporting), system.database(system.notification));
        RowCounts[] last = {RowCounts.of(postgres.database(), urls)};
        await().atMost(CountyYear.PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            RowCounts now = RowCounts.of(postgres.database(), urls);
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    /** {@code from} without one occurrence of each element of {@code removed}: what only {@code from} has. */
    private static List<String> minus(List<String> from, List<String> removed) {
        List<String> rest = new ArrayList<>(from);
        removed.forEach(rest::remove);
        return rest;
    }

    private static void report(FaultInjector faults, double faultFreeSeconds, double totalSeconds) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("fault test: recovery after each fault, in seconds from the restart (the process launched, the broker or PostgreSQL started):");
        lines.add("ready = every service concerned answers ready; consuming = its consumer applies events again (reporting-service's for the");
        lines.add("broker and PostgreSQL); caught up = the phase's effect is visible where it is consumed. Target for a killed service: its");
        lines.add("partitions consumed again within 10 s of its restart (static membership); ready→consuming is that part without the JVM's start.");
        lines.add(String.format("%-30s %6s %6s %10s %10s %16s", "fault", "down", "ready", "consuming", "caught up", "ready→consuming"));
        for (FaultInjector.Recovery r : faults.recoveries()) {
            lines.add(String.format("%-30s %6.1f %6.1f %10.1f %10.1f %16.1f", r.fault(), r.down(), r.ready(), r.firstConsumption(), r.caughtUp(),
                    r.firstConsumption() - r.ready()));
        }
        lines.add("while PostgreSQL was down:");
        faults.outageAnswers().forEach(a -> lines.add("  " + a));
        lines.add(String.format("start (PostgreSQL, Keycloak, broker, services) %.0f s, fault-free year %.0f s, whole test after the start %.0f s",
                startSeconds, faultFreeSeconds, totalSeconds));
        lines.forEach(System.out::println);
        Files.write(directory.resolve("recovery.txt"), lines);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
