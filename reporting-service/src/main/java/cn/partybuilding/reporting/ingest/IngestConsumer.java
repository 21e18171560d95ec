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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** Runs the one consumer loop of group {@code reporting-service} on the organisation, assessment and study topics. */
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

    private volatile BatchConsumerLoop loop;
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

    public synchronized void start() {
        if (loop == null) {
            ReportingConfig.Ingest ingest = config.ingest();
            loop = new BatchConsumerLoop(bootstrap, ingest.groupId(), TOPICS, handler, ingest.maxPollRecords(), ingest.retryBackoff())
                    .start("reporting-ingest");
        }
    }

    public synchronized void stop() {
        if (loop != null) {
            loop.close();
            appliedBefore += loop.applied();
            deadLetteredBefore += loop.deadLettered();
            loop = null;
        }
    }

    public synchronized boolean running() {
        return loop != null;
    }

    public String groupId() {
        return config.ingest().groupId();
    }

    public synchronized long applied() {
        return appliedBefore + (loop == null ? 0 : loop.applied());
    }

    public synchronized long deadLettered() {
        return deadLetteredBefore + (loop == null ? 0 : loop.deadLettered());
    }
}
