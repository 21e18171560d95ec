package cn.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package graph of a service's main sources, for the tests that keep it free of cycles: the feature packages
 * directly under {@code root} may depend on each other one way only. A dependency is any mention of
 * {@code <root>.<package>} in a main source file: imports, static imports and fully qualified names alike; types
 * directly in the root package form the package {@code ""}.
 */
public final class PackageCycles {
    /** "from -> to" and the files of {@code from} that mention {@code to}. */
    private final Map<String, Set<String>> edges = new TreeMap<>();
    private final Map<String, Set<String>> graph = new TreeMap<>();
    private final Path sources;

    private PackageCycles(Path sources) {
        this.sources = sources;
    }

    /** Reads {@code src/main/java} of the module the test runs in. */
    public static PackageCycles of(String root) {
        return of(Path.of("src/main/java"), root);
    }

    public static PackageCycles of(Path mainJava, String root) {
        Path sources = mainJava.resolve(root.replace('.', '/'));
        PackageCycles scan = new PackageCycles(sources);
        Pattern reference = Pattern.compile(Pattern.quote(root) + "\\.([A-Za-z_][A-Za-z0-9_]*)\\b");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                String from = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                Matcher m = reference.matcher(Files.readString(file));
                while (m.find()) {
                    // a capitalised name is a type of the root package itself, which is "" here
                    String to = Character.isUpperCase(m.group(1).charAt(0)) ? "" : m.group(1);
                    if (!to.equals(from)) {
                        scan.graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                        scan.edges.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(file.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources.toAbsolutePath(), e);
        }
        return scan;
    }

    public Map<String, Set<String>> graph() {
        return graph;
    }

    /**
     * Fails with the cycle and the files behind each of its arrows. {@code knownFrom -> knownTo} is a dependency the code is
     * known to have: it guards against a scan that silently read nothing (then no cycle could ever be found).
     */
    public void assertNoCycle(String knownFrom, String knownTo) {
        if (!graph.getOrDefault(knownFrom, Set.of()).contains(knownTo)) {
            throw new AssertionError("scan of " + sources.toAbsolutePath() + " did not find " + knownFrom + " -> " + knownTo + ": " + graph);
        }
        List<String> cycle = cycle(graph);
        if (!cycle.isEmpty()) {
            StringBuilder why = new StringBuilder("package cycle:");
            for (int i = 0; i + 1 < cycle.size(); i++) {
                String edge = cycle.get(i) + " -> " + cycle.get(i + 1);
                why.append("\n  ").append(edge).append("  (").append(String.join(", ", edges.get(edge))).append(")");
            }
            throw new AssertionError(why.toString());
        }
    }

    /** The first cycle met by a depth-first walk in name order (start repeated at the end), or an empty list. */
    public static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> clear = new HashSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> found = cycleFrom(start, graph, new ArrayList<>(), clear);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(String node, Map<String, Set<String>> graph, List<String> path, Set<String> clear) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (clear.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = cycleFrom(next, graph, path, clear);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        clear.add(node); // nothing reachable from here leads back: no need to walk it again
        return List.of();
    }
}
