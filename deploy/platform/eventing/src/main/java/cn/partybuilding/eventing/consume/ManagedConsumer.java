package cn.partybuilding.eventing.consume;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchConsumerLoop;
import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.EventingConfig;
import cn.partybuilding.eventing.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One named consumer of a service ({@code eventing.consumers.<name>.*}): its loops, started, stopped and rebuilt as one.
 * A rebuild (stop, then start) resumes from the committed offsets; a replay stops it, rewinds and starts it again.
 */
public final class ManagedConsumer {
    private final String name;
    private final List<String> topics;
    private final BatchHandler handler;
    private final EventingConfig.Consumer settings;
    private final KafkaClients kafka;
    private final String instanceId;
    private final List<BatchConsumerLoop> loops = new ArrayList<>();
    private long appliedBefore;
    private long deadLetteredBefore;

    ManagedConsumer(String name, List<String> topics, BatchHandler handler, EventingConfig.Consumer settings, KafkaClients kafka,
                    String instanceId) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.settings = settings;
        this.kafka = kafka;
        this.instanceId = instanceId;
    }

    public synchronized ManagedConsumer start() {
        if (loops.isEmpty()) {
            int n = Math.max(1, settings.loops());
            // the loops share one fetch budget, so a second loop adds throughput, not a second buffer
            int fetchBytes = BatchConsumerLoop.FETCH_BUDGET_BYTES / n;
            Properties producer = kafka.producer(Map.of());
            for (int i = 0; i < n; i++) {
                Properties consumer = kafka.consumer(groupId(), Map.of());
                // a static member per loop: a restart rejoins under the same id and gets its partitions back at once
                // (a closed static member does not leave the group; the session timeout covers one that never returns)
                consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId(i));
                if (!"consumer".equalsIgnoreCase(String.valueOf(consumer.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
                    // the classic protocol's client setting; under KIP-848 the broker's group.consumer.session.timeout.ms
                    // rules and the client refuses this one
                    consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
                }
                consumer.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes);
                consumer.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.min(2 * 1024 * 1024, fetchBytes));
                loops.add(new BatchConsumerLoop(groupId(), topics, handler, consumer, producer, settings.maxPollRecords(),
                        settings.retryBackoff(), c -> kafka.bind(c, "consumer", name, "group", groupId()))
                        .start(name + "-consumer-" + i));
            }
        }
        return this;
    }

    /** The loop's static member id in the group ({@code group.instance.id}). */
    public String memberId(int loop) {
        return instanceId + "-" + name + "-" + loop;
    }

    /** Loops that stopped because another instance joined under their member id (see {@code eventing.instance-id}). */
    public synchronized long fencedLoops() {
        return loops.stream().filter(BatchConsumerLoop::fenced).count();
    }

    public synchronized void stop() {
        for (BatchConsumerLoop loop : loops) {
            loop.close();
            appliedBefore += loop.applied();
            deadLetteredBefore += loop.deadLettered();
        }
        loops.clear();
    }

    public synchronized boolean running() {
        return !loops.isEmpty();
    }

    public String name() {
        return name;
    }

    public String groupId() {
        return settings.group();
    }

    public List<String> topics() {
        return topics;
    }

    public String deadLetterTopic(String topic) {
        return Topics.deadLetter(topic, groupId());
    }

    /** Records applied (handed over and committed) since the service started. */
    public synchronized long applied() {
        return appliedBefore + loops.stream().mapToLong(BatchConsumerLoop::applied).sum();
    }

    public synchronized long deadLettered() {
        return deadLetteredBefore + loops.stream().mapToLong(BatchConsumerLoop::deadLettered).sum();
    }

    /** The settings of the running loops' consumers (empty when stopped), for diagnostics and tests. */
    public synchronized List<Properties> consumerSettings() {
        return loops.stream().map(BatchConsumerLoop::consumerSettings).toList();
    }

    public synchronized List<Properties> deadLetterProducerSettings() {
        return loops.stream().map(BatchConsumerLoop::deadLetterProducerSettings).toList();
    }
}
