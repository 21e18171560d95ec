package cn.partybuilding.benchmark;

/** Parts 2–4 of issue 7 (publication, REST latency, end-to-end latency); filled in once the endpoints exist. */
final class BenchmarkParts {
    private final Benchmark benchmark;

    BenchmarkParts(Benchmark benchmark) {
        this.benchmark = benchmark;
    }

    void run(String only) {
        System.out.println("not implemented yet");
    }
}
