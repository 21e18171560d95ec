package cn.partybuilding.eventing.consume;

import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.EventingConfig;
import cn.partybuilding.eventing.cluster.InstanceName;
import cn.partybuilding.eventing.KafkaClients;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumers of a service. A service registers each one at startup with its topics and its {@link EventApplier};
 * the platform builds the idempotent handler, the loops (settings {@code eventing.consumers.<name>.*}, Kafka client
 * settings from {@code kafka.*}, client metrics), starts them when enabled and stops them at shutdown.
 */
@ApplicationScoped
public class EventConsumers {
    @Inject
    EventingConfig config;
    @Inject
    KafkaClients kafka;
    @Inject
    ConsumedEvents consumed;
    @Inject
    MeterRegistry registry;

    private final Map<String, ManagedConsumer> consumers = new ConcurrentHashMap<>();

    /** Registers (and, when enabled, starts) consumer {@code name}; idempotent by event id through {@code consumed_event}. */
    public ManagedConsumer register(String name, List<String> topics, EventApplier applier) {
        return register(name, topics, idempotent(name, applier));
    }

    /**
     * The idempotent handler of {@code applier} without loops of its own, for code that reads the records itself (a
     * replay from the beginning of the topics); its counters are tagged {@code consumer=name}.
     */
    public IdempotentHandler idempotent(String name, EventApplier applier) {
        return new IdempotentHandler(name, applier, consumed, registry);
    }

    /**
     * The same, recording the applied ids in the {@code consumed_event} that {@code dataSource}'s connections see (a
     * replay writing into tables beside the live ones keeps its ids beside them too).
     */
    public IdempotentHandler idempotent(String name, EventApplier applier, DataSource dataSource) {
        return new IdempotentHandler(name, applier, new ConsumedEvents(dataSource), registry);
    }

    /** Registers a consumer whose handler needs no deduplication (it only reads, or its effects are idempotent by nature). */
    public ManagedConsumer register(String name, List<String> topics, BatchHandler handler) {
        EventingConfig.Consumer settings = settings(name);
        ManagedConsumer consumer = new ManagedConsumer(name, topics, handler, settings, kafka, instanceId());
        if (consumers.putIfAbsent(name, consumer) != null) {
            throw new IllegalStateException("consumer " + name + " registered twice");
        }
        FunctionCounter.builder("eventing.consumer.records", consumer, ManagedConsumer::applied).tag("consumer", name)
                .tag("outcome", "applied").description("records handed over and committed").register(registry);
        FunctionCounter.builder("eventing.consumer.records", consumer, ManagedConsumer::deadLettered).tag("consumer", name)
                .tag("outcome", "dead-lettered").description("records sent to the dead-letter topic").register(registry);
        if (settings.enabled()) {
            consumer.start();
        }
        return consumer;
    }

    public ManagedConsumer get(String name) {
        ManagedConsumer consumer = consumers.get(name);
        if (consumer == null) {
            throw new IllegalArgumentException("no consumer " + name);
        }
        return consumer;
    }

    void onStop(@Observes ShutdownEvent event) {
        consumers.values().forEach(ManagedConsumer::stop);
    }

    /** {@code eventing.instance-id}, else the host name (the pod name on Kubernetes), as a valid {@code group.instance.id}. */
    String instanceId() {
        return memberName(InstanceName.of(config.instanceId()));
    }

    /** Kafka accepts letters, digits, {@code .}, {@code _} and {@code -} in a member id; anything else becomes {@code -}. */
    static String memberName(String id) {
        return id.strip().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The consumer's entry, or the defaults for a name without one ({@code @WithDefaults}). */
    private EventingConfig.Consumer settings(String name) {
        return config.consumers().get(name);
    }
}
