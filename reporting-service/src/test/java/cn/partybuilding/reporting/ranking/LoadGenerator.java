package cn.partybuilding.reporting.ranking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP/1.1 load generator with no dependencies beyond the JDK, run in its own JVM by {@code RestLoadProbe}
 * ({@code java LoadGenerator.java ...}, the source launcher). Requests are sent on a fixed schedule whatever the
 * responses do; latency is measured from the request's SCHEDULED time (no coordinated omission), so a stall shows up
 * in the percentiles of every request that should have been sent during it.
 *
 * <pre>java LoadGenerator.java BASE_URL RATE SECONDS WARMUP_SECONDS gzip|identity PATH [PATH...]</pre>
 * At most 256 requests are in flight (one connection each with HTTP/1.1); a request due beyond that is not sent and
 * counts as failed (status -2, infinite latency).
 * A path may contain {@code {n:1000}}: replaced per request by a random 1..1000. Paths are picked at random.
 */
public final class LoadGenerator {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        boolean gzip = args[4].equals("gzip");
        List<URI> uris = new ArrayList<>();
        for (String path : Arrays.copyOfRange(args, 5, args.length)) {
            int open = path.indexOf("{n:");
            if (open < 0) {
                uris.add(URI.create(base + path));
            } else {
                int close = path.indexOf('}', open);
                int n = Integer.parseInt(path.substring(open + 3, close));
                for (int i = 1; i <= n; i++) {
                    uris.add(URI.create(base + path.substring(0, open) + i + path.substring(close + 1)));
                }
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * (seconds + warmup);
        long periodNanos = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        int[] status = new int[total];
        AtomicLong bytes = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * periodNanos;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            int index = i;
            if (!inFlight.tryAcquire()) {
                // the server is this far behind: counted as failed (status -2) with an infinite latency, not sent
                latencies[index] = Long.MAX_VALUE;
                status[index] = -2;
                done.countDown();
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uris.get(ThreadLocalRandom.current().nextInt(uris.size())))
                    .timeout(Duration.ofSeconds(10)).GET();
            request.header("Accept-Encoding", gzip ? "gzip" : "identity");
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - scheduled;
                status[index] = error != null ? -1 : response.statusCode();
                if (response != null) {
                    bytes.addAndGet(response.headers().firstValueAsLong("content-length").orElse(0));
                }
                inFlight.release();
                done.countDown();
            });
        }
        long sendEnd = System.nanoTime();
        done.await();
        int from = rate * warmup;
        long[] measured = Arrays.copyOfRange(latencies, from, total);
        Arrays.sort(measured);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = from; i < total; i++) {
            statuses.merge(status[i], 1, Integer::sum);
        }
        double sentRate = total / ((sendEnd - start) / 1e9);
        System.out.printf("LOAD %s %s: %d requests measured after %d s warm-up, sent at %.0f/s, statuses %s, %.1f KB/response; "
                        + "latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                gzip ? "gzip" : "identity", String.join(" ", Arrays.copyOfRange(args, 5, args.length)), measured.length, warmup,
                sentRate, statuses, bytes.get() / 1024.0 / total,
                pct(measured, 0.50), pct(measured, 0.90), pct(measured, 0.99), pct(measured, 0.999), pct(measured, 1.0));
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }
}
