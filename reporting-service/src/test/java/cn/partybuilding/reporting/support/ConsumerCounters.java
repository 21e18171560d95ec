package cn.partybuilding.reporting.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The platform's counters of a consumer ({@code eventing_consumer_events_total{consumer, outcome}}), read in tests. */
public final class ConsumerCounters {
    private ConsumerCounters() {
    }

    /** Events of {@code consumer} with this outcome (applied, duplicate, rejected) since the service started; 0 before any. */
    public static double events(MeterRegistry registry, String consumer, String outcome) {
        Counter counter = registry.find("eventing.consumer.events").tag("consumer", consumer).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every event handed to {@code consumer}, whatever its outcome. */
    public static double handled(MeterRegistry registry, String consumer) {
        return events(registry, consumer, "applied") + events(registry, consumer, "duplicate") + events(registry, consumer, "rejected");
    }
}
