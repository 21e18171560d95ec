package cn.partybuilding.benchmark;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Parts 2–4 of issue 7: publication of a 1,000-unit month, REST latency under load, end-to-end latency. Every request
 * carries a bearer token of the realm (issue 14: token checks must not cost the REST targets): the committee admin's,
 * who may read every unit's scorecard, and the assessor's for scores.
 */
final class BenchmarkParts {
    private static final String PERIOD = "2026-10";
    private final Environment env;
    private final Map<String, String> options;
    private final Figures figures;

    BenchmarkParts(Environment env, Map<String, String> options, Figures figures) {
        this.env = env;
        this.options = options;
        this.figures = figures;
    }

    void run(Predicate<String> selected) throws Exception {
        int units = Integer.parseInt(options.getOrDefault("publish-units", "1000"));
        int members = Integer.parseInt(options.getOrDefault("publish-members", "50"));
        int indicators = 40;
        // As in the ingest part: the county's members reach reporting-service and notification-service over
        // party.organisation.v1 from this process, not through assessment-service's roster import, so assessment-service
        // would dead-letter every one of the county's 222,450 study events as "unknown memberId" — for a minute or more,
        // on the same two cores, while the publication and REST are measured. A real month ends on a quiet system (its
        // study events arrived over the month), so that copy is off unless --assessment-mirror true.
        boolean mirror = Boolean.parseBoolean(options.getOrDefault("assessment-mirror", "false"));
        env.startServices(Map.of("eventing.consumers.external-study.enabled", Boolean.toString(mirror)));
        ServiceProcess reporting = env.service("reporting-service");
        if (!selected.test("publish") && !selected.test("rest") && !selected.test("workbench")) {
            endToEnd(env.service("assessment-service"), reporting, Integer.parseInt(options.getOrDefault("e2e-samples", "200")));
            return;
        }
        System.out.printf("%n== 2. Publication: %,d units, %d indicators, %,d members ==%n", units, indicators, units * members);
        long t0 = System.nanoTime();
        long events = loadCounty(units, members, indicators);
        double caughtUp = env.awaitCaughtUp("reporting-service", List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY), Duration.ofMinutes(10));
        System.out.printf("county of %,d events produced and aggregated in %.1f s (caught up %.1f s after the last send)%n",
                events, (System.nanoTime() - t0) / 1e9, caughtUp);

        // A month is published days after its last records arrived, on a quiet service; here it follows them by seconds,
        // while reporting-service still computes the month's 1,000 scorecards ahead of the requests (it stops for a
        // publication, between two cards). The publication is measured once that pass is done, as at a real month's end;
        // --publish-at-once true measures it with the pass still running.
        double quietAfter = Boolean.parseBoolean(options.getOrDefault("publish-at-once", "false")) ? 0
                : awaitLogLine(reporting, "scorecards of " + PERIOD + " precomputed", Duration.ofSeconds(120));
        System.out.printf("reporting-service's scorecards precomputed %.1f s after the county caught up%n", quietAfter);
        Histogram live = new Histogram(3);
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            Http.get(reporting.baseUrl() + "/rankings/" + PERIOD, env.as("committee-admin"));
            live.recordValue((System.nanoTime() - start) / 1000);
        }
        long start = System.nanoTime();
        JsonNode published = Http.post(reporting.baseUrl() + "/rankings/" + PERIOD + "/publish", null, env.as("committee-admin"));
        double publishMs = (System.nanoTime() - start) / 1e6;
        System.out.printf("live ranking computed (GET /rankings/%s, 5 runs): median %.0f ms, max %.0f ms%n", PERIOD,
                live.getValueAtPercentile(50) / 1000.0, live.getMaxValue() / 1000.0);
        System.out.printf("monthly ranking computed, frozen and published (POST /rankings/%s/publish): %.0f ms, %d entries, %s notice requests%n",
                PERIOD, publishMs, published.get("entries").size(), published.get("noticeRequests"));
        figures.record("publish: live ranking GET /rankings/" + PERIOD + ", median of 5", "ms", live.getValueAtPercentile(50) / 1000.0);
        figures.record("publish: POST /rankings/" + PERIOD + "/publish, cold, " + units + " units", "ms", publishMs,
                Figures.Target.below(1000, "ms"));

        if (selected.test("rest") || selected.test("workbench")) {
            // The publication set off 14,000+ notices: notification-service issues them on the same two cores. REST is
            // measured once they are issued (and reporting-service has precomputed the month's scorecards).
            long drainStart = System.nanoTime();
            double drained = env.awaitCaughtUpTransactional("notification-service", List.of(Topics.NOTICE_REQUESTS, Topics.REPORTING), Duration.ofMinutes(10));
            System.out.printf("notification-service consumed the publication's notice requests %.1f s after the publication%n",
                    drained < 0 ? -1 : (System.nanoTime() - drainStart) / 1e9 + publishMs / 1000);
            Thread.sleep(10_000);
        }
        if (selected.test("workbench")) {
            System.out.printf("%n== 3a. The workbench's ranking page in headless Chromium, signed in as committee-admin ==%n");
            WorkbenchTiming.rankingPage(env, reporting, PERIOD, units, figures);
        }
        if (selected.test("rest")) {
            System.out.printf("%n== 3. REST under load from this (second) process, open loop, with a bearer token (committee-admin) ==%n");
            int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
            int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
            Histogram publishedLoad;
            Histogram scorecard;
            Histogram liveRanking;
            Histogram publishedPlain;
            // one client pool for the whole part, as a browser or gateway keeps its connections: a pool opened for each load
            // put the first second's requests behind new connections (its p99 was 20–60 ms, the rest 4–10 ms)
            try (LoadClient client = new LoadClient(reporting.baseUrl(), CONNECTIONS)) {
                load(client, "/rankings/" + PERIOD + "/published", rate, 5, false); // warm-up
                load(client, "/units/{unit}/scorecard/" + PERIOD, rate, 5, false);
                publishedLoad = load(client, "/rankings/" + PERIOD + "/published", rate, seconds, true);
                scorecard = load(client, "/units/{unit}/scorecard/" + PERIOD, rate, seconds, true);
                liveRanking = load(client, "/rankings/" + PERIOD, Math.min(rate, 50), 10, true);
                publishedPlain = load(client, "/rankings/" + PERIOD + "/published", rate, seconds, true, "identity");
            }
            figures.record("REST: GET /rankings/" + PERIOD + "/published (gzip) at " + rate + "/s, p99", "ms",
                    publishedLoad.getValueAtPercentile(99) / 1000.0, Figures.Target.below(20, "ms"));
            figures.record("REST: GET /rankings/" + PERIOD + "/published, p90", "ms", publishedLoad.getValueAtPercentile(90) / 1000.0);
            figures.record("REST: GET /units/{u}/scorecard/" + PERIOD + " (gzip) at " + rate + "/s, p99", "ms",
                    scorecard.getValueAtPercentile(99) / 1000.0, Figures.Target.below(20, "ms"));
            figures.record("REST: GET /rankings/" + PERIOD + " (live) at " + Math.min(rate, 50) + "/s, p99", "ms",
                    liveRanking.getValueAtPercentile(99) / 1000.0);
            figures.record("REST: GET /rankings/" + PERIOD + "/published, not compressed, at " + rate + "/s, p99", "ms",
                    publishedPlain.getValueAtPercentile(99) / 1000.0);
        }
        if (selected.test("e2e")) {
            endToEnd(env.service("assessment-service"), reporting, Integer.parseInt(options.getOrDefault("e2e-samples", "200")));
        }
    }

    private long loadCounty(int units, int members, int indicators) {
        Kafka kafka = env.kafka;
        long events = 1;
        kafka.send(Topics.ASSESSMENT, BenchEvents.indicatorSystem(indicators));
        for (int u = 0; u < units; u++) {
            kafka.send(Topics.ORGANISATION, BenchEvents.unit(u));
            events++;
            for (int m = 0; m < members; m++) {
                kafka.send(Topics.ORGANISATION, BenchEvents.member(u, m));
                events++;
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int u = 0; u < units; u++) {
            if (u % 97 == 13) {
                continue; // a few units never submit: they must show as NOT_SUBMITTED
            }
            for (int i = 0; i < indicators; i++) {
                // manual indicators only; the first three of dimension 2 are computed (see BenchEvents)
                kafka.send(Topics.ASSESSMENT, BenchEvents.assessment(u, BenchEvents.indicatorCode(i), PERIOD, 0.5 + random.nextInt(10) * 0.5));
                events++;
            }
            for (int m = 0; m < members; m++) {
                for (int k = 0; k < 3 + (u % 4); k++) {
                    kafka.send(Topics.STUDY, BenchEvents.completion(u, m, k * 10 + (k % 3 == 0 ? 0 : k % 3 == 1 ? 1 : 9)));
                    events++;
                }
            }
        }
        // the month is locked once everything is in: it can be published (frozen months)
        kafka.send(Topics.ASSESSMENT, BenchEvents.periodLocked(PERIOD));
        events++;
        kafka.flush();
        return events;
    }

    /** Waits until the service's log has a line containing {@code text}; the seconds waited, or -1 after {@code timeout}. */
    private static double awaitLogLine(ServiceProcess service, String text, Duration timeout) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (java.nio.file.Files.exists(service.log()) && java.nio.file.Files.readString(service.log()).contains(text)) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(500);
        }
        return -1;
    }

    /** Requests in flight at most (and connections of the REST part's client). */
    private static final int CONNECTIONS = 256;

    /** Requests at a fixed rate; latency counted from the scheduled send time, so a stall is not hidden (no coordinated omission). */
    private Histogram load(LoadClient client, String pathTemplate, int rate, int seconds, boolean report) throws Exception {
        return load(client, pathTemplate, rate, seconds, report, "gzip");
    }

    /**
     * Open-loop load at {@code rate} requests/s. {@code acceptEncoding} "gzip" is what the workbench's browser sends with
     * every request; "identity" is a client that takes the plain JSON (the published ranking is 209 KB plain, 11 KB gzip).
     */
    private Histogram load(LoadClient client, String pathTemplate, int rate, int seconds, boolean report, String acceptEncoding)
            throws Exception {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        // At most 256 requests in flight (a browser-like client pool, as wrk's connections): when the server falls
        // behind, sends wait, and the wait counts in the latency because it is measured from the scheduled time.
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CONNECTIONS);
        long intervalNanos = 1_000_000_000L / rate;
        int units = Integer.parseInt(options.getOrDefault("publish-units", "1000"));
        // signed in once before the run: the services verify the same token on every request (signature, expiry, audience)
        io.vertx.core.MultiMap headers = LoadClient.headers("Authorization", env.as("committee-admin").authorization(),
                "Accept-Encoding", acceptEncoding);
        // where a tail comes from: the p99 of each second (by scheduled time) and who had the CPU meanwhile
        Histogram[] perSecond = new Histogram[seconds + 1];
        for (int s = 0; s < perSecond.length; s++) {
            perSecond[s] = new Histogram(60_000_000L, 2);
        }
        long total = (long) rate * seconds;
        java.util.Map<String, Long> cpuBefore = Cpu.byProcess();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String path = pathTemplate.replace("{unit}", BenchEvents.unitCode(ThreadLocalRandom.current().nextInt(units)));
            slots.acquire();
            client.get(path, headers, status -> {
                if (status != 200) {
                    errors.incrementAndGet();
                }
                long micros = Math.max(1, (System.nanoTime() - scheduled) / 1000);
                synchronized (histogram) {
                    histogram.recordValue(micros);
                    perSecond[(int) Math.min(perSecond.length - 1, (scheduled - start) / 1_000_000_000L)].recordValue(micros);
                }
                slots.release();
            });
        }
        slots.acquire(CONNECTIONS); // every request answered
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf("GET %-40s %-8s %5d req/s offered, %6.0f achieved, p50 %6.2f ms, p90 %6.2f ms, p99 %6.2f ms, max %7.1f ms, errors %d%n",
                    pathTemplate, acceptEncoding, rate, total / elapsed, histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, errors.get());
            StringBuilder timeline = new StringBuilder();
            for (int s = 0; s < seconds; s++) {
                timeline.append(String.format(" %.0f", perSecond[s].getValueAtPercentile(99) / 1000.0));
            }
            System.out.printf("    p99 of each second (ms):%s%n    CPU meanwhile: %s%n", timeline,
                    Cpu.busiest(cpuBefore, Cpu.byProcess(), elapsed, 6));
        }
        return histogram;
    }

    /** A score posted (then corrected) in assessment-service, until the reporting scorecard shows it. */
    private void endToEnd(ServiceProcess assessment, ServiceProcess reporting, int samples) throws Exception {
        System.out.printf("%n== 4. End to end: score in assessment-service → visible in the reporting scorecard ==%n");
        String unit = "E2E-BENCH";
        String period = "2026-11"; // the current month: assessment-service refuses scores for future months
        var admin = env.as("committee-admin");
        var assessor = env.as("assessor");
        Http.post(assessment.baseUrl() + "/units", Map.of("unitCode", unit, "name", "端到端测试单位", "category", "党政机关"), admin);
        Http.put(assessment.baseUrl() + "/indicator-systems/2026", Map.of(
                "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(Map.of("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                        Map.of("code", "P1", "name", "落实第一议题制度", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of(Map.of("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS"))), admin);
        Histogram histogram = new Histogram(60_000_000L, 3);
        String assessmentId = null;
        for (int i = 0; i < samples; i++) {
            double score = 50 + (i % 50);
            long start = System.nanoTime();
            if (assessmentId == null) {
                assessmentId = Http.post(assessment.baseUrl() + "/assessments", Map.of("unitCode", unit, "indicatorCode", "P1",
                        "period", period, "score", score, "evidence", "e2e"), assessor).get("assessmentId").asText();
            } else {
                Http.post(assessment.baseUrl() + "/assessments/" + assessmentId + "/corrections",
                        Map.of("score", score, "reason", "benchmark correction " + i), assessor);
            }
            while (true) {
                JsonNode card;
                try {
                    card = Http.get(reporting.baseUrl() + "/units/" + unit + "/scorecard/" + period, admin);
                } catch (IllegalStateException notYet) {
                    card = com.fasterxml.jackson.databind.node.MissingNode.getInstance(); // 404/409 until the unit and system events arrive
                }
                JsonNode indicator = card.path("dimensions").path(0).path("indicators").path(0);
                if (indicator.path("score").asDouble(-1) == score) {
                    break;
                }
                if (System.nanoTime() - start > 30_000_000_000L) {
                    throw new IllegalStateException("score " + score + " not visible after 30 s: " + card);
                }
                Thread.sleep(5);
            }
            histogram.recordValue((System.nanoTime() - start) / 1000);
            if (i % 2 == 0) {
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100)); // not back to back: the relay also idles between
            }
        }
        System.out.printf("%d samples: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", samples,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        figures.record("end to end: score → scorecard, p50", "ms", histogram.getValueAtPercentile(50) / 1000.0);
        figures.record("end to end: score → scorecard, p99", "ms", histogram.getValueAtPercentile(99) / 1000.0);
    }
}
