package cn.partybuilding.benchmark;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** The Kafka side of the benchmark: a fast producer, topic creation and consumer-group lag. */
final class Kafka implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    Kafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(adminProps);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    String bootstrap() {
        return bootstrap;
    }

    void createTopics(List<String> topics, int partitions) throws ExecutionException, InterruptedException {
        var existing = admin.listTopics().names().get();
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
    }

    void send(String topic, CloudEvent event) {
        producer.send(new ProducerRecord<>(topic, event.subject(), CloudEventCodec.write(event)));
    }

    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    /** Records not yet committed by {@code group} on {@code topics}; -1 while the group has committed nothing. */
    long lag(String group, List<String> topics) throws ExecutionException, InterruptedException {
        return lag(group, topics, 0);
    }

    /**
     * Records not yet committed by {@code group}, not counting up to {@code slack} per partition: a consumer of a
     * transactional producer's topic commits the offset after its last record, one short of the end offset, which
     * counts the transaction's commit marker.
     */
    long lag(String group, List<String> topics, int slack) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        if (committed.keySet().stream().noneMatch(ends::containsKey)) {
            return -1;
        }
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()) - slack);
        }
        return lag;
    }

    Properties consumerProps(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        return props;
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
