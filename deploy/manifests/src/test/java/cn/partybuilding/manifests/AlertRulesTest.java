package cn.partybuilding.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus Operator's PrometheusRule (no Java model here) read by hand: its shape as monitoring.coreos.com/v1
 * defines it, and every metric, label and label value its expressions name is one the platform's code registers on
 * /q/metrics, so a renamed metric fails the build instead of silencing an alert. The three alerts issue 17 asks for
 * (consumer lag growing, outbox backlog, dead letters arriving) are there, each with a runbook in the README. And the
 * services as deployed (prod profile) log JSON lines.
 */
class AlertRulesTest {
    static final Path EVENTING = Project.ROOT.resolve("deploy/platform/eventing/src");
    /** Labels Prometheus adds to every scraped series from the ServiceMonitor's target (not the code's). */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "service", "pod", "job", "instance", "endpoint", "container");
    /** Tags Micrometer's KafkaClientMetrics takes from the Kafka client's own metric (besides the ones we add). */
    static final Set<String> KAFKA_CLIENT_LABELS = Set.of("client_id", "topic", "partition", "kafka_version");
    static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "topk", "bottomk", "by", "without",
            "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset", "rate", "irate", "increase",
            "delta", "idelta", "deriv", "min_over_time", "max_over_time", "avg_over_time", "absent", "absent_over_time",
            "changes", "resets", "clamp_min", "clamp_max", "vector", "scalar", "time", "predict_linear");

    static Kustomize.Document rule;
    static String code;

    @BeforeAll
    static void read() {
        List<Kustomize.Document> rules = Kustomize.build(Project.MANIFESTS.resolve("base")).ofKind("PrometheusRule");
        assertEquals(1, rules.size(), "one PrometheusRule in the base (deploy/manifests/base/monitoring/alert-rules.yaml)");
        rule = rules.get(0);
        code = sources(EVENTING.resolve("main/java"));
    }

    @Test
    void theRuleHasThePrometheusOperatorsShape() {
        assertEquals("monitoring.coreos.com/v1", rule.apiVersion());
        assertEquals("party-building", rule.node().path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                "the label the Prometheus selects the ServiceMonitor by, so it selects the rule too");
        assertEquals(Set.of("groups"), fields(rule.spec()), rule + ": spec");
        assertFalse(rule.spec().path("groups").isEmpty(), "groups");
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rule.spec().path("groups")) {
            assertTrue(Set.of("name", "interval", "rules").containsAll(fields(group)), "group fields: " + fields(group));
            assertFalse(group.path("name").asText().isBlank(), "a group has a name");
            assertFalse(group.path("rules").isEmpty(), group.path("name") + ": rules");
            for (JsonNode r : group.path("rules")) {
                String alert = r.path("alert").asText();
                assertTrue(alert.matches("[A-Z][A-Za-z0-9]+"), "an alerting rule with a name: " + r);
                assertTrue(alerts.add(alert), alert + " twice");
                assertTrue(Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations").containsAll(fields(r)),
                        alert + ": fields " + fields(r));
                assertTrue(r.path("expr").isTextual() && !r.path("expr").asText().isBlank(), alert + ": expr");
                assertTrue(r.path("for").asText().matches("\\d+[smh]"), alert + ": for is a duration");
                assertTrue(Set.of("warning", "critical").contains(r.path("labels").path("severity").asText()), alert + ": severity");
                assertFalse(r.path("annotations").path("summary").asText().isBlank(), alert + ": summary");
                assertFalse(r.path("annotations").path("description").asText().isBlank(), alert + ": description (what to do)");
                balanced(alert, r.path("expr").asText());
            }
        }
    }

    @Test
    void theIssuesThreeAlertsAreThereWithARunbook() {
        Map<String, String> exprs = alerts();
        assertTrue(exprs.values().stream().anyMatch(e -> e.contains("kafka_consumer_fetch_manager_records_lag") && e.contains("deriv(")),
                "an alert on consumer lag growing");
        assertTrue(exprs.values().stream().anyMatch(e -> e.contains("outbox_backlog")), "an alert on the outbox backlog");
        assertTrue(exprs.values().stream().anyMatch(e -> e.contains("outcome=\"dead-lettered\"")), "an alert on dead letters arriving");
        String readme = Kustomize.read(Project.MANIFESTS.resolve("README.md"));
        int section = readme.indexOf("\n## Alerts");
        assertTrue(section >= 0, "deploy/manifests/README.md has a section Alerts (the runbooks)");
        for (String alert : exprs.keySet()) {
            assertTrue(readme.indexOf("`" + alert + "`", section) > 0, "README Alerts: a runbook for " + alert);
        }
    }

    @Test
    void everyMetricAndLabelTheRulesNameIsOneTheCodeRegisters() {
        Set<String> metrics = registeredMetrics();
        Set<String> labels = registeredLabels();
        Map<String, Set<String>> values = registeredTagValues();
        for (Map.Entry<String, String> e : alerts().entrySet()) {
            String alert = e.getKey();
            String expr = e.getValue();
            Set<String> named = metricsIn(expr);
            assertFalse(named.isEmpty(), alert + ": names no metric");
            for (String metric : named) {
                assertTrue(metrics.contains(metric), alert + ": " + metric + " is not a metric deploy/platform/eventing registers "
                        + "(registered: " + metrics + ")");
            }
            for (String label : groupingLabels(expr)) {
                assertTrue(TARGET_LABELS.contains(label) || labels.contains(label), alert + ": no metric has the label " + label);
            }
            Matcher m = Pattern.compile("([a-z_]+)\\s*=~?\\s*\"([^\"]*)\"").matcher(expr);
            while (m.find()) {
                assertTrue(labels.contains(m.group(1)) || TARGET_LABELS.contains(m.group(1)), alert + ": no metric has the label " + m.group(1));
                if (values.containsKey(m.group(1))) {
                    assertTrue(values.get(m.group(1)).contains(m.group(2)), alert + ": " + m.group(1) + "=\"" + m.group(2)
                            + "\" is not a value the code gives it " + values.get(m.group(1)));
                }
            }
        }
    }

    @Test
    void theMetricNamesAreReadFromTheCode() {
        // the check above must find what the README documents, or it would pass on an empty set
        assertTrue(registeredMetrics().containsAll(Set.of("outbox_backlog", "eventing_consumer_records_total",
                "eventing_consumer_events_total", "kafka_consumer_fetch_manager_records_lag")), registeredMetrics().toString());
        assertTrue(registeredTagValues().getOrDefault("outcome", Set.of()).contains("dead-lettered"));
        assertTrue(registeredLabels().containsAll(Set.of("consumer", "group", "topic")), registeredLabels().toString());
        assertEquals(Set.of("outbox_backlog", "kafka_consumer_fetch_manager_records_lag"),
                metricsIn("min_over_time(outbox_backlog[15m]) > 0 and sum by (service, group) (kafka_consumer_fetch_manager_records_lag{group=\"x\"})"));
    }

    @Test
    void theDeployedServicesLogJsonLinesAndDevelopersReadableOnes() {
        for (String service : Project.services()) {
            java.util.Properties configuration = Project.configuration(service);
            assertEquals("true", Project.property(configuration, "%prod.quarkus.log.console.json.enabled", "false"),
                    service + ": the prod profile (the jar as the Deployment runs it) logs JSON for the log collector");
            assertEquals("false", Project.property(configuration, "quarkus.log.console.json.enabled", "true"),
                    service + ": dev and tests keep the readable format");
            String pom = Kustomize.read(Project.ROOT.resolve(service).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>quarkus-logging-json</artifactId>"), service + " has quarkus-logging-json");
            assertTrue(pom.contains("<artifactId>quarkus-opentelemetry</artifactId>"), service + " has quarkus-opentelemetry (the traceId of its logs and events)");
        }
    }

    // ------------------------------------------------------------------------------------------- reading

    static Map<String, String> alerts() {
        Map<String, String> alerts = new TreeMap<>();
        rule.spec().path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText())));
        return alerts;
    }

    /**
     * The Prometheus names of the meters the platform registers with a Micrometer builder (dots become underscores;
     * counters get {@code _total}), and the Kafka client metrics KafkaClients binds that a platform test finds on
     * /q/metrics (their names come from the Kafka client library, so the test that scrapes them is the evidence).
     */
    static Set<String> registeredMetrics() {
        Set<String> metrics = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(Gauge|Counter|FunctionCounter)\\.builder\\(\\s*\"([^\"]+)\"").matcher(code);
        while (m.find()) {
            metrics.add(m.group(2).replaceAll("[.-]", "_") + (m.group(1).endsWith("Counter") ? "_total" : ""));
        }
        if (code.contains("new KafkaClientMetrics(")) {
            Matcher scraped = Pattern.compile("containsString\\(\"(kafka_[a-z_]+)").matcher(sources(EVENTING.resolve("test/java")));
            while (scraped.find()) {
                metrics.add(scraped.group(1));
            }
        }
        return metrics;
    }

    /** Tag keys: Micrometer's {@code .tag("key", ...)}, the extra tags given to {@code KafkaClients.bind}, Kafka's own. */
    static Set<String> registeredLabels() {
        Set<String> labels = new TreeSet<>(KAFKA_CLIENT_LABELS);
        labels.addAll(registeredTagValues().keySet());
        Matcher bind = Pattern.compile("\\.bind\\(\\w+((?:,\\s*[^,)]+(?:\\(\\))?)+)\\)").matcher(code);
        while (bind.find()) {
            String[] args = bind.group(1).substring(1).split(",");
            for (int i = 0; i < args.length; i += 2) {
                labels.add(args[i].strip().replace("\"", ""));
            }
        }
        return labels;
    }

    /** {@code .tag("key", "value")} with a literal value: key → values. */
    static Map<String, Set<String>> registeredTagValues() {
        Map<String, Set<String>> values = new TreeMap<>();
        Matcher m = Pattern.compile("\\.tag\\(\"([^\"]+)\",\\s*(\"([^\"]*)\"|[^)]+)\\)").matcher(code);
        while (m.find()) {
            Set<String> set = values.computeIfAbsent(m.group(1), k -> new TreeSet<>());
            if (m.group(3) != null) {
                set.add(m.group(3));
            }
        }
        values.values().removeIf(Set::isEmpty); // a tag with computed values: any value
        return values;
    }

    /** The metric names of an expression: what is left after label matchers, grouping clauses, functions, ranges and numbers. */
    static Set<String> metricsIn(String expr) {
        String rest = expr.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b[a-z_]+\\s*\\(", " (");
        Set<String> metrics = new TreeSet<>();
        Matcher m = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b").matcher(rest);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group()) && !m.group().matches("\\d.*")) {
                metrics.add(m.group());
            }
        }
        return metrics;
    }

    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new TreeSet<>();
        Matcher m = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\(([^)]*)\\)").matcher(expr);
        while (m.find()) {
            for (String label : m.group(2).split(",")) {
                labels.add(label.strip());
            }
        }
        return labels;
    }

    private static void balanced(String alert, String expr) {
        List<Character> open = new ArrayList<>();
        for (char c : expr.toCharArray()) {
            if ("({[".indexOf(c) >= 0) {
                open.add(c);
            } else if (")}]".indexOf(c) >= 0) {
                assertFalse(open.isEmpty(), alert + ": unbalanced " + c + " in " + expr);
                assertEquals("({[".charAt(")}]".indexOf(c)), (char) open.remove(open.size() - 1), alert + ": unbalanced " + c + " in " + expr);
            }
        }
        assertTrue(open.isEmpty(), alert + ": unclosed " + open + " in " + expr);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
