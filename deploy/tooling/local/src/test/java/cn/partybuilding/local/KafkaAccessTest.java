package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One broker with SASL/SCRAM and ACLs ({@link KafkaAccess}): the learning platform may write study records only, a
 * client without credentials gets nothing, and each service principal can do exactly what its code does (the outbox
 * relay's transactions, its consumer groups, its dead letters, the readiness check, the replay) and no more.
 */
class KafkaAccessTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = KafkaBroker.temporary(KafkaAccess.sasl()).start();
        KafkaAccess.grant(broker);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theLearningPlatformMayWriteStudyRecordsButNotScores() throws Exception {
        try (KafkaProducer<String, String> producer = producer("learning-platform", Map.of())) {
            producer.send(new ProducerRecord<>(Topics.STUDY, "U001", "{}")).get();
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.ASSESSMENT, "U001", "{}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused.toString());
            assertTrue(refused.getCause().getMessage().contains(Topics.ASSESSMENT), refused.getCause().getMessage());
        }
    }

    @Test
    void theLearningPlatformReadsThePublishedTopicsInItsOwnGroupsOnly() {
        publishAsAdmin(Topics.REPORTING, "ranking");
        assertEquals("ranking", consumeOne("learning-platform", "learning-platform-rankings", Topics.REPORTING));
        assertThrows(TopicAuthorizationException.class, () -> consumeOne("learning-platform", "learning-platform-x", Topics.ASSESSMENT));
        assertThrows(GroupAuthorizationException.class, () -> consumeOne("learning-platform", "reporting-service", Topics.REPORTING));
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswerAndAWrongPasswordIsRefused() {
        Properties plain = new Properties();
        plain.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        plain.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(plain, new StringSerializer(), new StringSerializer())) {
            // the SASL listener never answers a client that does not sign in: metadata times out
            Exception refused = assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(Topics.STUDY, "U001", "{}")).get());
            assertInstanceOf(TimeoutException.class, cause(refused), refused.toString());
        }

        Map<String, Object> wrong = KafkaAccess.clientSettings(broker, "learning-platform");
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"learning-platform\" password=\"guess\";");
        wrong.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(wrong, new StringSerializer(), new StringSerializer())) {
            Exception refused = assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(Topics.STUDY, "U001", "{}")).get());
            assertInstanceOf(SaslAuthenticationException.class, cause(refused), refused.toString());
        }
    }

    @Test
    void eachServicePublishesItsTopicsInTransactionsConsumesItsGroupsAndDeadLettersWhatItReads() throws Exception {
        for (KafkaAccess.Principal service : List.of(KafkaAccess.ASSESSMENT_SERVICE, KafkaAccess.REPORTING_SERVICE, KafkaAccess.NOTIFICATION_SERVICE)) {
            String name = service.name();
            // the outbox relay: one transaction over every topic the service publishes
            try (KafkaProducer<String, String> relay = producer(name, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-outbox"))) {
                relay.initTransactions();
                relay.beginTransaction();
                for (String topic : service.writes()) {
                    relay.send(new ProducerRecord<>(topic, "U001", "from " + name));
                }
                relay.commitTransaction();
            }
            // the consumer loops' dead-letter producer (idempotent, no transaction)
            try (KafkaProducer<String, String> deadLetters = producer(name, Map.of())) {
                for (String topic : service.allWrites()) {
                    deadLetters.send(new ProducerRecord<>(topic, "U001", "dead letter")).get();
                }
            }
            // its consumer group(s) read what it consumes and commit
            for (String topic : service.reads()) {
                publishAsAdmin(topic, "for " + name);
                assertFalse(consumeOne(name, service.groups().get(0), topic).isEmpty(), name + " reads " + topic);
            }
            // the readiness check
            try (Admin admin = Admin.create(KafkaAccess.clientSettings(broker, name))) {
                assertEquals(1, admin.describeCluster().nodes().get().size(), name);
            }
        }
        // reporting-service's replay: partitions assigned, read from the beginning, nothing committed
        assertFalse(readAssigned("reporting-service", "reporting-service-replay", Topics.ASSESSMENT).isEmpty());
    }

    @Test
    void aServiceIsRefusedWhatItsCodeDoesNotDo() throws Exception {
        try (KafkaProducer<String, String> assessment = producer("assessment-service", Map.of())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> assessment.send(new ProducerRecord<>(Topics.REPORTING, "U001", "a forged ranking")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
        assertThrows(TopicAuthorizationException.class, () -> consumeOne("notification-service", "notification-service", Topics.ASSESSMENT));
        try (KafkaProducer<String, String> stolenId = producer("notification-service",
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reporting-service-outbox"))) {
            // fencing another service's relay would stop its publishing
            assertThrows(TransactionalIdAuthorizationException.class, stolenId::initTransactions);
        }
    }

    @Test
    void testsProbeTheSecuredBrokerAsTheAdmin() {
        TopicProbe.publish(broker.bootstrapServers(), Topics.NOTIFICATION, "U001", "probe".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var records = TopicProbe.readUntil(broker.bootstrapServers(), Topics.NOTIFICATION, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> "probe".equals(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))));
        assertTrue(records.stream().anyMatch(r -> "probe".equals(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** A test that plays another system publishes with that system's rights, not the admin's. */
    @Test
    void testsPlayingAnotherSystemPublishWithItsRights() {
        byte[] record = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TopicProbe.publishAs(broker.bootstrapServers(), "learning-platform", Topics.STUDY, "U001", record);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TopicProbe.publishAs(broker.bootstrapServers(), "learning-platform", Topics.ASSESSMENT, "U001", record));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause().getCause(), refused.toString());
        assertEquals(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"notification-service\" password=\"notification-service-secret\";"),
                KafkaAccess.serviceEnvironment(broker, "notification-service"));
    }

    /** The groups and transactional ids granted are the ones the services' configuration names. */
    @Test
    void theGrantsFollowTheServicesConfiguration() throws IOException {
        for (KafkaAccess.Principal service : List.of(KafkaAccess.ASSESSMENT_SERVICE, KafkaAccess.REPORTING_SERVICE, KafkaAccess.NOTIFICATION_SERVICE)) {
            Properties config = new Properties();
            Path file = Path.of("../../..", service.name(), "src/main/resources/application.properties");
            try (Reader reader = Files.newBufferedReader(file)) {
                config.load(reader);
            }
            assertEquals(service.name(), config.getProperty("quarkus.application.name"));
            Set<String> groups = new HashSet<>();
            config.stringPropertyNames().stream().filter(k -> k.matches("eventing\\.consumers\\.[^.]+\\.group"))
                    .forEach(k -> groups.add(config.getProperty(k)));
            assertFalse(groups.isEmpty(), file.toString());
            assertTrue(service.groups().containsAll(groups), service.name() + " groups " + groups);
            // the relay's transactional id is OutboxConfig's default, <application name>-outbox
            assertEquals(null, config.getProperty("outbox.transactional-id"), file.toString());
            assertEquals(List.of(service.name() + "-outbox"), service.transactionalIds());
        }
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException ? e.getCause() : e;
    }

    private static KafkaProducer<String, String> producer(String user, Map<String, Object> own) {
        Map<String, Object> settings = KafkaAccess.clientSettings(broker, user);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.putAll(own);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static void publishAsAdmin(String topic, String value) {
        try (KafkaProducer<String, String> producer = producer(KafkaAccess.ADMIN, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "U001", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subscribes in {@code group}, returns the first record's value and commits its offset, as the consumer loops do. */
    private static String consumeOne(String user, String group, String topic) {
        Map<String, Object> settings = KafkaAccess.clientSettings(broker, user);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    consumer.commitSync();
                    return record.value();
                }
            }
            return "";
        }
    }

    private static List<String> readAssigned(String user, String group, String topic) {
        Map<String, Object> settings = new HashMap<>(KafkaAccess.clientSettings(broker, user));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
