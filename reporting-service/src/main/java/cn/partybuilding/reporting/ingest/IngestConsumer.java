package cn.partybuilding.reporting.ingest;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchConsumerLoop;
import cn.partybuilding.reporting.platform.ReportingConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** Runs the consumer loops of group {@code reporting-service} on the organisation, assessment and study topics. */
@ApplicationScoped
public class IngestConsumer {
    public static final List<String> TOPICS = List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY);

    @Inject
    FactBatchHandler handler;

    @Inject
    ReportingConfig config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final List<BatchConsumerLoop> loops = new java.util.ArrayList<>();
    private long appliedBefore;
    private long deadLetteredBefore;

    void onStart(@Observes StartupEvent event) {
        FunctionCounter.builder("reporting.consumer.records", this, c -> c.applied()).tag("outcome", "applied")
                .description("records the consumer loop handed over and committed").register(registry);
        FunctionCounter.builder("reporting.consumer.records", this, c -> c.deadLettered()).tag("outcome", "dead-lettered")
                .description("records sent to the dead-letter topic").register(registry);
        if (config.ingest().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Starts {@code reporting.ingest.consumers} loops in the group: the topics' partitions are shared among them, so each
     * unit (record key) is still handled by one thread in order, while parsing and database writes of different units
     * overlap.
     */
    public synchronized void start() {
        if (loops.isEmpty()) {
            ReportingConfig.Ingest ingest = config.ingest();
            int n = Math.max(1, ingest.consumers());
            // the loops share one fetch budget, so a second loop adds throughput, not a second buffer
            int fetchBytes = BatchConsumerLoop.FETCH_BUDGET_BYTES / n;
            for (int i = 0; i < n; i++) {
                loops.add(new BatchConsumerLoop(bootstrap, ingest.groupId(), TOPICS, handler, ingest.maxPollRecords(), ingest.retryBackoff())
                        .with(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes)
                        .with(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.min(2 * 1024 * 1024, fetchBytes))
                        .start("reporting-ingest-" + i));
            }
        }
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

    public String groupId() {
        return config.ingest().groupId();
    }

    public synchronized long applied() {
        return appliedBefore + loops.stream().mapToLong(BatchConsumerLoop::applied).sum();
    }

    public synchronized long deadLettered() {
        return deadLetteredBefore + loops.stream().mapToLong(BatchConsumerLoop::deadLettered).sum();
    }
}
