package cn.partybuilding.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of every run of the benchmark, printed at the end as min / median / max with whether each target held
 * in every run. This machine is shared and noisy: a target counts as met only when it holds in all runs (issue 18), so
 * the summary names the runs in which it did not.
 */
final class Figures {
    /** A figure's target: a limit that the figure must stay under ({@code below}) or reach ({@code atLeast}). */
    record Target(String text, boolean below, double limit) {
        static Target below(double limit, String unit) {
            return new Target("< " + format(limit) + " " + unit, true, limit);
        }

        static Target atLeast(double limit, String unit) {
            return new Target("≥ " + format(limit) + " " + unit, false, limit);
        }

        boolean heldBy(double value) {
            return below ? value < limit : value >= limit;
        }
    }

    private record Figure(String name, String unit, Target target, Map<Integer, Double> values) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final int runs;
    private int run = 1;

    Figures(int runs) {
        this.runs = runs;
    }

    int run() {
        return run;
    }

    int runs() {
        return runs;
    }

    void nextRun() {
        run++;
    }

    /** A figure of the current run without a target (context such as the raw consumer rate). */
    void record(String name, String unit, double value) {
        record(name, unit, value, null);
    }

    void record(String name, String unit, double value, Target target) {
        figures.computeIfAbsent(name, n -> new Figure(n, unit, target, new LinkedHashMap<>())).values().put(run, value);
    }

    /** The table: each figure's value per run, min / median / max, its target, and whether it held in every run. */
    String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n== Summary over %d run%s (min / median / max; a target is met only when it held in every run) ==%n",
                runs, runs == 1 ? "" : "s"));
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Figure f : figures.values()) {
            List<Double> values = new ArrayList<>(f.values().values());
            List<Double> sorted = values.stream().sorted().toList();
            StringBuilder perRun = new StringBuilder();
            for (int r = 1; r <= runs; r++) {
                Double v = f.values().get(r);
                perRun.append(perRun.length() == 0 ? "" : " / ").append(v == null ? "—" : format(v));
            }
            String verdict = "";
            if (f.target() != null) {
                List<Integer> failed = new ArrayList<>();
                for (int r = 1; r <= runs; r++) {
                    Double v = f.values().get(r);
                    if (v == null || !f.target().heldBy(v)) {
                        failed.add(r);
                    }
                }
                verdict = failed.isEmpty() ? "held in all " + runs : "NOT met (run " + failed.toString().replaceAll("[\\[\\]]", "") + ")";
                (failed.isEmpty() ? met : missed).add(f.name());
            }
            out.append(String.format(Locale.ROOT, "%-62s %-8s runs %-30s min %-10s median %-10s max %-10s %-14s %s%n",
                    f.name(), f.unit(), perRun, format(sorted.get(0)), format(median(sorted)), format(sorted.get(sorted.size() - 1)),
                    f.target() == null ? "" : f.target().text(), verdict));
        }
        out.append(String.format("targets held in all %d runs: %d %s%n", runs, met.size(), met));
        out.append(String.format("targets not met in every run: %d %s%n", missed.size(), missed));
        return out.toString();
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String format(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
