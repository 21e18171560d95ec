package cn.partybuilding.e2e;

import cn.partybuilding.e2e.CountyYear.Phase;
import cn.partybuilding.identity.TokenClient;
import cn.partybuilding.local.EmbeddedPostgresServer;
import cn.partybuilding.local.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults of the fault test, one around each phase of the county month: SIGKILL of reporting-service while
 * September is entered, of assessment-service while the learning platform sends a record, a broker restart while
 * October's study batch is entered, a PostgreSQL restart before the finding, SIGKILL of notification-service while
 * September's notices are issued (October is published while it is dead). Each fault's recovery is timed from the
 * restart: until the service (all three for the broker and PostgreSQL) is ready, until its consumer applies an event
 * again, until the phase's effect is visible. The times are printed, never asserted: the test asserts what was kept.
 */
final class FaultInjector implements CountyYear.Faults {
    /** How one fault went: seconds from the restart; NaN where it does not apply or did not happen. */
    record Recovery(String fault, double down, double ready, double firstConsumption, double caughtUp) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    private final RunningSystem system;
    /** The year the faults are injected in (the requests sent while PostgreSQL is down name its October). */
    private final int year;
    private final Supplier<EmbeddedPostgresServer> startPostgres;
    private EmbeddedPostgresServer postgres;
    private final List<Recovery> recoveries = new ArrayList<>();
    /** What the services answered while PostgreSQL was down: "service status content-type retry-after". */
    private final List<String> outageAnswers = new ArrayList<>();

    /** {@code startPostgres} starts the services' PostgreSQL on its port and data directory; {@code postgres} runs now. */
    FaultInjector(RunningSystem system, int year, EmbeddedPostgresServer postgres, Supplier<EmbeddedPostgresServer> startPostgres) {
        this.system = system;
        this.year = year;
        this.postgres = postgres;
        this.startPostgres = startPostgres;
    }

    List<Recovery> recoveries() {
        return recoveries;
    }

    List<String> outageAnswers() {
        return outageAnswers;
    }

    /** The PostgreSQL server running now (another object after the restart). */
    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    @Override
    public void around(Phase phase, Runnable step, BooleanSupplier caughtUp) {
        switch (phase) {
            case SEPTEMBER -> killed(system.reporting, "ingest", step, caughtUp);
            case PLATFORM_RECORD -> killed(system.assessment, "external-study", step, caughtUp);
            case OCTOBER_STUDY -> brokerRestarted(step, caughtUp);
            case FINDINGS -> postgresRestarted(step, caughtUp);
            case PUBLICATION -> killed(system.notification, "intake", step, caughtUp);
        }
    }

    /** SIGKILL (no shutdown hook, no leaving the group), the step while it is dead, a restart under the same instance id. */
    private void killed(ServiceProcess service, String consumer, Runnable step, BooleanSupplier caughtUp) {
        long killed = System.nanoTime();
        ProcessHandle process = ProcessHandle.of(service.pid()).orElseThrow();
        process.destroyForcibly(); // SIGKILL on Linux
        process.onExit().join();
        step.run();
        long restart = System.nanoTime();
        service.start();
        recover("SIGKILL " + service.name(), killed, restart, List.of(service), service, consumer, 0, caughtUp);
    }

    /** The broker stopped (its data kept), the step while it is away (writes go to the outboxes), started again. */
    private void brokerRestarted(Runnable step, BooleanSupplier caughtUp) {
        double consumed = consumed(system.reporting, "ingest");
        long stopped = System.nanoTime();
        system.broker.stop();
        step.run();
        long restart = System.nanoTime();
        system.broker.start();
        recover("broker restart", stopped, restart, all(), system.reporting, "ingest", consumed, caughtUp);
    }

    /**
     * PostgreSQL stopped (fast shutdown: every connection cut) and started again on its port and data directory. While
     * it is away each service answers a request that needs the database; the step runs once it is back.
     */
    private void postgresRestarted(Runnable step, BooleanSupplier caughtUp) {
        double consumed = consumed(system.reporting, "ingest");
        long stopped = System.nanoTime();
        postgres.close();
        var admin = system.as("committee-admin");
        String october = year + "-10";
        outageAnswers.add(answer(system.assessment, "GET", "/units", null, admin));
        // a bonus that, were it written, would change U003's October: the comparison with the fault-free year would show it
        outageAnswers.add(answer(system.assessment, "POST", "/bonuses",
                "{\"unitCode\":\"U003\",\"period\":\"" + october + "\",\"points\":1,\"reason\":\"数据库停机时的写入\"}", admin));
        // (the live ranking itself may come from reporting-service's cache meanwhile: no database in that answer)
        outageAnswers.add(answer(system.reporting, "GET", "/rankings/" + october + "/history", null, admin));
        outageAnswers.add(answer(system.reporting, "POST", "/rankings/" + october + "/publish", "", admin));
        outageAnswers.add(answer(system.notification, "GET", "/notices?period=" + october, null, admin));
        long restart = System.nanoTime();
        postgres = startPostgres.get();
        boolean[] written = {false};
        recover("PostgreSQL restart", stopped, restart, all(), system.reporting, "ingest", consumed, () -> {
            if (!written[0]) {
                written[0] = true;
                step.run(); // the first writes once every service is ready again: an error here fails the test
            }
            return caughtUp.getAsBoolean();
        });
    }

    /**
     * Waits until every service of {@code ready} answers ready, {@code consumer} of {@code consuming} has applied more than
     * {@code consumedBefore} events, and {@code caughtUp} holds (tried once the services are ready); records the times.
     */
    private void recover(String fault, long down, long restart, List<ServiceProcess> ready, ServiceProcess consuming, String consumer,
                         double consumedBefore, BooleanSupplier caughtUp) {
        Map<ServiceProcess, Double> readyAt = new LinkedHashMap<>();
        double firstConsumption = Double.NaN;
        double caughtUpAt = Double.NaN;
        long deadline = restart + RECOVERY.toNanos();
        while (System.nanoTime() < deadline && (readyAt.size() < ready.size() || Double.isNaN(firstConsumption) || Double.isNaN(caughtUpAt))) {
            for (ServiceProcess service : ready) {
                if (!readyAt.containsKey(service) && status(service.managementUrl() + "/q/health/ready") == 200) {
                    readyAt.put(service, seconds(restart));
                }
            }
            if (Double.isNaN(firstConsumption) && consumed(consuming, consumer) > consumedBefore) {
                firstConsumption = seconds(restart);
            }
            if (Double.isNaN(caughtUpAt) && readyAt.size() == ready.size() && holds(caughtUp)) {
                caughtUpAt = seconds(restart);
                if (Double.isNaN(firstConsumption) && consumed(consuming, consumer) > consumedBefore) {
                    firstConsumption = caughtUpAt; // consumed between the two looks of this round: no later than now
                }
            }
            sleep(100);
        }
        double allReady = readyAt.size() < ready.size() ? Double.NaN : readyAt.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        Recovery recovery = new Recovery(fault, (restart - down) / 1e9, allReady, firstConsumption, caughtUpAt);
        recoveries.add(recovery);
        System.out.printf("fault test: %s: down %.1f s; after the restart ready %.1f s, consuming %.1f s, caught up %.1f s%n",
                fault, recovery.down(), allReady, firstConsumption, caughtUpAt);
        if (readyAt.size() < ready.size() || Double.isNaN(caughtUpAt)) {
            throw new AssertionError(fault + ": not recovered within " + RECOVERY + " of the restart (ready: " + readyAt.keySet().stream()
                    .map(ServiceProcess::name).toList() + ", caught up: " + !Double.isNaN(caughtUpAt) + ")");
        }
    }

    private List<ServiceProcess> all() {
        return List.of(system.assessment, system.reporting, system.notification);
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false; // a service still starting, a connection refused: not yet
        }
    }

    /** Events the consumer has handled since its process started (applied, duplicate or rejected); 0 while it does not answer. */
    static double consumed(ServiceProcess service, String consumer) {
        Pattern line = Pattern.compile("^eventing_consumer_events_total\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
        double total = 0;
        Matcher m = line.matcher(service.metrics());
        while (m.find()) {
            if (m.group(1).contains("consumer=\"" + consumer + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** "service method path: status content-type Retry-After" of a request sent with the caller's token. */
    private static String answer(ServiceProcess service, String method, String path, String body, TokenClient.Caller as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", as.authorization()).header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return service.name() + " " + method + " " + path + ": " + response.statusCode() + " "
                    + response.headers().firstValue("Content-Type").orElse("-") + " Retry-After=" + response.headers().firstValue("Retry-After").orElse("-");
        } catch (IOException e) {
            return service.name() + " " + method + " " + path + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
