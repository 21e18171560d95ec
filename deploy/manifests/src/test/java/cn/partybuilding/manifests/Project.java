package cn.partybuilding.manifests;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the code and its documents say: the root pom, each service's configuration, the README's Production section. */
final class Project {
    static final Path ROOT = findRoot();
    static final Path MANIFESTS = ROOT.resolve("deploy/manifests");

    private Project() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/tooling/identity/realm-county.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static String rootPom() {
        return Kustomize.read(ROOT.resolve("pom.xml"));
    }

    /** A property of the root pom ({@code <name>value</name>}). */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(rootPom());
        if (!m.find()) {
            throw new AssertionError("the root pom has no " + name);
        }
        return m.group(1).strip();
    }

    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>party-building-assessment</artifactId>\\s*<version>([^<]+)</version>").matcher(rootPom());
        if (!m.find()) {
            throw new AssertionError("no project version in the root pom");
        }
        return m.group(1);
    }

    /** The version of a managed dependency of the root pom. */
    static String managedVersion(String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(rootPom());
        if (!m.find()) {
            throw new AssertionError("the root pom manages no " + artifactId);
        }
        return m.group(1);
    }

    /** The services: the root pom's modules at the top level (the rest lives under deploy/). */
    static List<String> services() {
        List<String> services = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom());
        while (m.find()) {
            if (!m.group(1).contains("/")) {
                services.add(m.group(1));
            }
        }
        return services;
    }

    /** A service's application.properties as written (profile lines included, keys as they are). */
    static Properties configuration(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Kustomize.read(ROOT.resolve(service).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String property(Properties configuration, String key, String byDefault) {
        return configuration.getProperty(key, byDefault).strip();
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /** The environment variables a service's configuration reads ({@code ${NAME:default}}), profile lines left out. */
    static Set<String> environmentVariables(Properties configuration) {
        Set<String> names = new LinkedHashSet<>();
        configuration.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(key -> {
            Matcher m = PLACEHOLDER.matcher(configuration.getProperty(key));
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** {@code ${NAME:default}}: the name and the default, or null when the value is not such a placeholder. */
    static String[] placeholder(String value) {
        Matcher m = PLACEHOLDER.matcher(value.strip());
        return m.matches() ? new String[]{m.group(1), m.group(2)} : null;
    }

    static String readme() {
        return Kustomize.read(ROOT.resolve("README.md"));
    }

    /** The README's "## Production" section, to the next section of the same level. */
    static String production() {
        String readme = readme();
        int start = readme.indexOf("\n## Production");
        if (start < 0) {
            throw new AssertionError("the README has no Production section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    /**
     * A table of the Production section, found by the title of its first column: each row's first cell, as the
     * backticked names in it (a cell may list several: {@code `A`, `B`}) → the rest of the row.
     */
    static Map<String, String> table(String firstColumn) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inside = false;
        for (String raw : production().split("\n")) {
            String line = raw.strip();
            if (line.startsWith("| " + firstColumn + " |")) {
                inside = true;
                continue;
            }
            if (inside && !line.startsWith("|")) {
                break;
            }
            if (inside && !line.startsWith("|---") && !line.startsWith("| ---")) {
                String[] cells = line.split("\\|", 3);
                Matcher m = Pattern.compile("`([A-Za-z0-9_.-]+)`").matcher(cells[1]);
                while (m.find()) {
                    rows.put(m.group(1), cells[2]);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("the README's Production section has no table with the column '" + firstColumn + "'");
        }
        return rows;
    }

    /**
     * The JVM settings the README gives a service: its heap (`-Xmx…` followed by the service's name in parentheses) and
     * the settings common to all (the backticked text that starts with -Xmn), spaces normalised.
     */
    static String jvmSettings(String service) {
        Matcher heap = Pattern.compile("`(-Xmx\\d+m)` \\(" + Pattern.quote(service) + "\\)").matcher(production());
        if (!heap.find()) {
            throw new AssertionError("the README's Production section gives no heap for " + service + " (`-Xmx…m` (" + service + "))");
        }
        Matcher common = Pattern.compile("`(-Xmn[^`]+)`").matcher(production());
        if (!common.find()) {
            throw new AssertionError("the README's Production section gives no JVM settings common to all services (`-Xmn...`)");
        }
        return (heap.group(1) + " " + common.group(1)).replaceAll("\\s+", " ").strip();
    }
}
