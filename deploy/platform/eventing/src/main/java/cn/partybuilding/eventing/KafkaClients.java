package cn.partybuilding.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Properties;

/**
 * The one source of Kafka client settings for the outbox relay, every consumer loop, the readiness check and replays:
 * everything configured under Quarkus' {@code kafka.*} (bootstrap servers, {@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}, a TLS registry configuration name; environment variables {@code KAFKA_*}), with
 * the role's own settings on top. Also binds Micrometer's Kafka client metrics to each client it is given, so
 * consumer lag per group and partition ({@code kafka_consumer_fetch_manager_records_lag}) is on {@code /q/metrics}.
 */
@ApplicationScoped
public class KafkaClients {
    static {
        NativeLz4.ensureLoaded(); // before any client: Kafka picks its lz4 decoder once
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> common;

    @Inject
    MeterRegistry registry;

    @Inject
    EventingConfig config;

    private final ScheduledExecutorService metricsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kafka-client-metrics");
        t.setDaemon(true);
        return t;
    });

    /** The {@code kafka.*} settings as the client libraries expect them (prefix removed). */
    public Properties common() {
        Properties props = new Properties();
        common.forEach((key, value) -> {
            if (value != null) {
                props.put(key, value);
            }
        });
        return props;
    }

    /** A consumer of {@code groupId}: the common settings, then the loop's own (the loop's win: they are its contract). */
    public Properties consumer(String groupId, Map<String, Object> own) {
        Properties props = common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putAll(own);
        return props;
    }

    public Properties producer(Map<String, Object> own) {
        Properties props = common();
        props.putAll(own);
        return props;
    }

    public Properties admin(Map<String, Object> own) {
        Properties props = common();
        props.putAll(own);
        return props;
    }

    public String bootstrapServers() {
        return String.valueOf(common.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /**
     * Binds the client's metrics until the returned handle is closed with the client. Kafka's own tags (client id, topic,
     * partition) come with them; {@code tags} add ours (key, value, key, value...), e.g. the consumer group.
     */
    public AutoCloseable bind(Consumer<?, ?> consumer, String... tags) {
        return bind(new KafkaClientMetrics(consumer, Tags.of(tags), metricsScheduler, config.kafkaMetricsRefresh()));
    }

    public AutoCloseable bind(Producer<?, ?> producer, String... tags) {
        return bind(new KafkaClientMetrics(producer, Tags.of(tags), metricsScheduler, config.kafkaMetricsRefresh()));
    }

    private AutoCloseable bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        return metrics::close;
    }
}
