package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Who may do what on the county's Kafka, for a broker run with SASL ({@link KafkaBroker.Sasl}): one principal per
 * service and one for the learning platform, each allowed exactly what its code does, and an admin for the tooling.
 * Derived from the code: the topics each service publishes through its outbox (transactional id
 * {@code <service>-outbox}, {@code OutboxConfig}) and consumes ({@code eventing.consumers.<name>.group}, the topic lists
 * of {@code ExternalStudyApplier}, {@code FactBatchHandler}, {@code IntakeHandler}), the dead-letter topics
 * {@code <topic>.<group>.dlt} its consumers write, and reporting-service's replay (group {@code reporting-service-replay},
 * partitions assigned, nothing committed). Topics are created by the admin beforehand, so no principal needs CREATE.
 * The passwords are demo ones; in production each service gets its own from the environment.
 */
public final class KafkaAccess {
    public static final String ADMIN = "admin";

    /**
     * A principal and what it may do: read {@code reads} in {@code groups} (or groups starting with {@code groupPrefix}),
     * write {@code writes} (an idempotent producer needs no more), run transactions as {@code transactionalIds}.
     */
    public record Principal(String name, List<String> reads, List<String> groups, String groupPrefix, List<String> writes,
                            List<String> transactionalIds) {
        public String password() {
            return name + "-secret";
        }

        /** Every topic this principal may write, dead-letter topics of its groups included. */
        public List<String> allWrites() {
            Set<String> all = new LinkedHashSet<>(writes);
            for (String group : groups) {
                reads.forEach(topic -> all.add(Topics.deadLetter(topic, group)));
            }
            // the replay reads without committing and never dead-letters: no topic of its own
            all.removeIf(topic -> topic.endsWith("-replay.dlt"));
            return List.copyOf(all);
        }
    }

    public static final Principal ASSESSMENT_SERVICE = new Principal("assessment-service",
            List.of(Topics.STUDY), List.of("assessment-service"), null,
            List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY), List.of("assessment-service-outbox"));
    public static final Principal REPORTING_SERVICE = new Principal("reporting-service",
            List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY), List.of("reporting-service", "reporting-service-replay"), null,
            List.of(Topics.REPORTING, Topics.NOTICE_REQUESTS), List.of("reporting-service-outbox"));
    public static final Principal NOTIFICATION_SERVICE = new Principal("notification-service",
            List.of(Topics.NOTICE_REQUESTS, Topics.REPORTING, Topics.ORGANISATION), List.of("notification-service"), null,
            List.of(Topics.NOTIFICATION), List.of("notification-service-outbox"));
    /** Another government system: writes study records, reads what the county publishes, in groups of its own naming. */
    public static final Principal LEARNING_PLATFORM = new Principal("learning-platform",
            List.of(Topics.REPORTING, Topics.NOTIFICATION), List.of(), "learning-platform",
            List.of(Topics.STUDY), List.of());

    public static final List<Principal> PRINCIPALS = List.of(ASSESSMENT_SERVICE, REPORTING_SERVICE, NOTIFICATION_SERVICE, LEARNING_PLATFORM);

    private KafkaAccess() {
    }

    public static Principal principal(String name) {
        return PRINCIPALS.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal " + name));
    }

    /** The SCRAM users of a secured broker: the admin and every principal, with their demo passwords. */
    public static KafkaBroker.Sasl sasl() {
        Map<String, String> users = new LinkedHashMap<>();
        PRINCIPALS.forEach(p -> users.put(p.name(), p.password()));
        return new KafkaBroker.Sasl(ADMIN, ADMIN + "-secret", users);
    }

    /** Client settings (bootstrap servers and sign-in) for {@code user} on {@code broker}. */
    public static Map<String, Object> clientSettings(KafkaBroker broker, String user) {
        Map<String, Object> settings = new HashMap<>(broker.clientSettings(user));
        settings.put("bootstrap.servers", broker.bootstrapServers());
        return settings;
    }

    /** The same as a service's Quarkus configuration ({@code kafka.*}, read by the platform's KafkaClients). */
    public static Map<String, String> serviceProperties(KafkaBroker broker, String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        clientSettings(broker, service).forEach((key, value) -> properties.put("kafka." + key, String.valueOf(value)));
        return properties;
    }

    /**
     * The same as environment variables, the way production hands a service its credentials: {@code KAFKA_SECURITY_PROTOCOL},
     * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG} (Quarkus reads {@code KAFKA_*} as {@code kafka.*}). Unlike
     * a {@code -D} option, an environment variable does not show in the process list. Empty for a PLAINTEXT broker.
     */
    public static Map<String, String> serviceEnvironment(KafkaBroker broker, String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        broker.clientSettings(principal(service).name()).forEach((key, value) ->
                environment.put("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    /**
     * What a test's own clients ({@link TopicProbe}) need on {@code bootstrap}: nothing more on a PLAINTEXT broker, the
     * admin's sign-in on a broker that {@link #grant} set up in this JVM. Kept in a system property, so every class
     * loader of a Quarkus test sees it.
     */
    public static Map<String, Object> probeSettings(String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", bootstrap);
        String jaas = System.getProperty(PROBE_PROPERTY + bootstrap);
        if (jaas != null) {
            settings.put("security.protocol", "SASL_PLAINTEXT");
            settings.put("sasl.mechanism", KafkaBroker.Sasl.MECHANISM);
            settings.put("sasl.jaas.config", jaas);
        }
        return settings;
    }

    /**
     * The same signing in as {@code user} (the admin or a principal of {@link #PRINCIPALS}, with its demo password): a
     * test that plays another system publishes with that system's rights, so a missing or wrong ACL fails the test.
     * Nothing more than the bootstrap servers on a PLAINTEXT broker.
     */
    public static Map<String, Object> probeSettings(String bootstrap, String user) {
        Map<String, Object> settings = probeSettings(bootstrap);
        if (settings.containsKey("sasl.jaas.config") && !ADMIN.equals(user)) {
            settings.put("sasl.jaas.config", sasl().clientSettings(principal(user).name()).get("sasl.jaas.config"));
        }
        return settings;
    }

    private static final String PROBE_PROPERTY = "partybuilding.kafka.admin-jaas.";

    /** Every topic of the system, dead-letter topics included. */
    public static List<String> topics() {
        Set<String> topics = new LinkedHashSet<>(Topics.ALL);
        PRINCIPALS.forEach(p -> topics.addAll(p.allWrites()));
        return List.copyOf(topics);
    }

    /** Creates the topics (when missing) and grants each principal its ACLs, as the admin. Idempotent. */
    public static void grant(KafkaBroker broker) {
        if (broker.sasl() == null) {
            throw new IllegalStateException("a PLAINTEXT broker has no ACLs");
        }
        try (Admin admin = Admin.create(clientSettings(broker, broker.sasl().admin()))) {
            for (String topic : topics()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<AclBinding> bindings = PRINCIPALS.stream().flatMap(KafkaAccess::bindings).toList();
            admin.createAcls(bindings).all().get();
            awaitInForce(admin, bindings);
            System.setProperty(PROBE_PROPERTY + broker.bootstrapServers(), broker.clientSettings(broker.sasl().admin()).get("sasl.jaas.config"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up Kafka topics and ACLs: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the broker's authorizer answers with every binding: the controller commits them, the broker applies
     * the metadata a moment later, and a client let in before that (a service starting right away, a test) is refused.
     */
    private static void awaitInForce(Admin admin, List<AclBinding> bindings) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(bindings)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not apply the ACLs within 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** What {@code principal} is allowed: READ (which implies DESCRIBE) and WRITE on topics, its groups and transactional ids. */
    static Stream<AclBinding> bindings(Principal principal) {
        List<AclBinding> out = new ArrayList<>();
        principal.reads().forEach(topic -> out.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ)));
        principal.allWrites().forEach(topic -> out.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
        principal.groups().forEach(group -> out.add(allow(principal, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ)));
        if (principal.groupPrefix() != null) {
            out.add(allow(principal, ResourceType.GROUP, principal.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
        }
        principal.transactionalIds().forEach(id -> out.add(allow(principal, ResourceType.TRANSACTIONAL_ID, id, PatternType.LITERAL, AclOperation.WRITE)));
        return out.stream();
    }

    private static AclBinding allow(Principal principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal.name(), "*", operation, AclPermissionType.ALLOW));
    }
}
