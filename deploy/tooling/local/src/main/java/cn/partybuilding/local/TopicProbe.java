package cn.partybuilding.local;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * What tests use to look at a topic of the real broker and to publish onto it as another system would.
 * Reads with {@code read_committed}, as the services' consumers do; signs in as the admin on a broker with ACLs.
 */
public final class TopicProbe {
    private TopicProbe() {
    }

    /** Every record of {@code topic} from the beginning, polling until {@code done} holds or the timeout passes. */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrap, String topic, Duration timeout,
                                                                 Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        // the admin's sign-in when the broker runs SASL (KafkaAccess)
        props.putAll(KafkaAccess.probeSettings(bootstrap));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                if (done.test(seen)) {
                    break;
                }
            }
        }
        return seen;
    }

    /** The CloudEvents on {@code topic}, waiting until at least {@code count} of the given type (null: any) arrived. */
    public static List<CloudEvent> events(String bootstrap, String topic, String type, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = readUntil(bootstrap, topic, timeout,
                seen -> seen.stream().map(TopicProbe::parseOrNull).filter(e -> e != null && (type == null || type.equals(e.type()))).count() >= count);
        return records.stream().map(TopicProbe::parseOrNull).filter(e -> e != null && (type == null || type.equals(e.type()))).toList();
    }

    public static CloudEvent parseOrNull(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.read(record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Publishes raw bytes (a foreign system's event, or a poison message) as the admin and waits for the ack. */
    public static void publish(String bootstrap, String topic, String key, byte[] value) {
        publishAs(bootstrap, KafkaAccess.ADMIN, topic, key, value);
    }

    public static void publish(String bootstrap, String topic, CloudEvent event) {
        publish(bootstrap, topic, event.subject(), CloudEventCodec.write(event));
    }

    /**
     * Publishes as {@code user} (a principal of {@link KafkaAccess}, e.g. learning-platform for study records) when the
     * broker runs SASL, so the test is refused what that system would be refused; as anyone on a PLAINTEXT broker.
     */
    public static void publishAs(String bootstrap, String user, String topic, String key, byte[] value) {
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap, user));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    public static void publishAs(String bootstrap, String user, String topic, CloudEvent event) {
        publishAs(bootstrap, user, topic, event.subject(), CloudEventCodec.write(event));
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
