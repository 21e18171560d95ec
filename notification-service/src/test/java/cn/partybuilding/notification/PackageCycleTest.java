package cn.partybuilding.notification;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feature packages directly under {@code cn.partybuilding.notification} may depend on each other one way only.
 * A dependency is any mention of {@code cn.partybuilding.notification.<package>} in a main source file: imports,
 * static imports and fully qualified names alike.
 */
class PackageCycleTest {
    private static final String ROOT = "cn.partybuilding.notification";
    private static final Path SOURCES = Path.of("src/main/java", ROOT.split("\\."));
    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(ROOT) + "\\.([a-z_][a-z0-9_]*)\\b");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        // "a -> b" -> the files of a that mention b
        Map<String, Set<String>> edges = new TreeMap<>();
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from)) {
                        graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                        edges.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(file.getFileName().toString());
                    }
                }
            }
        }
        // guards against a scan that silently reads nothing (wrong directory): then no cycle could ever be found
        assertTrue(graph.getOrDefault("delivery", Set.of()).contains("notice"), "scan of " + SOURCES.toAbsolutePath() + " found " + graph);

        List<String> cycle = cycle(graph);
        StringBuilder why = new StringBuilder();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            String edge = cycle.get(i) + " -> " + cycle.get(i + 1);
            why.append("\n  ").append(edge).append("  (").append(String.join(", ", edges.get(edge))).append(")");
        }
        assertEquals(List.of(), cycle, "package cycle:" + why);
    }

    @Test
    void theSearchFindsLongAndShortCyclesOnly() {
        assertEquals(List.of("a", "b", "c", "a"), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))));
        assertEquals(List.of("b", "c", "b"), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("b"))));
        assertEquals(List.of(), cycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
    }

    /** The first cycle met by a depth-first walk in name order (start repeated at the end), or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
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
