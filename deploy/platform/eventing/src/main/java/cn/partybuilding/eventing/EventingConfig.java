package cn.partybuilding.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code eventing.*}: the consumers of a service by name, and the platform's Kafka metrics. Kafka client settings
 * themselves (servers, security) are Quarkus' {@code kafka.*}; the outbox has {@code outbox.*} ({@link OutboxConfig}).
 */
@ConfigMapping(prefix = "eventing")
public interface EventingConfig {
    /** {@code eventing.consumers.<name>.*}; a consumer without an entry runs with the defaults. */
    @WithDefaults
    Map<String, Consumer> consumers();

    /**
     * This instance's name in its consumer groups: each consumer loop joins as the static member
     * {@code <instance-id>-<consumer>-<loop>} ({@code group.instance.id}), so a restarted instance takes its partitions back
     * at once instead of waiting for the killed one's session to expire. Default: the host name, which on Kubernetes is
     * the pod name (it survives a container restart; a pod replaced under a new name waits for the session, see
     * {@link Consumer#sessionTimeout()}). Two running instances must never share it: the broker fences the older one.
     */
    Optional<String> instanceId();

    /** CloudEvents {@code source} of the events this service publishes. */
    @WithDefault("/${quarkus.application.name}")
    String source();

    /** Retry-After of a 503 while the database (or the broker, for the few requests that need it) is away. */
    @WithDefault("5s")
    Duration retryAfter();

    /** The county's time zone, of every date the services compute (read by {@code time.ClockProducer}). */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId zone();

    /**
     * The longest request line (method, path and query) a service reads; a longer one is answered with a problem+json
     * 414 by {@code web.RequestLimitFilter}. 4 KB is Vert.x's own default, which the platform raises to let such lines
     * reach the filter.
     */
    @WithDefault("4K")
    @io.smallrye.config.WithConverter(io.quarkus.runtime.configuration.MemorySizeConverter.class)
    io.quarkus.runtime.configuration.MemorySize maxRequestLine();

    /** How often new Kafka client metrics (a newly assigned partition's lag) are picked up. */
    @WithDefault("15s")
    Duration kafkaMetricsRefresh();

    /** {@code eventing.calendar.*}: the working-day calendar ({@code time.WorkingCalendar}). */
    Calendar calendar();

    interface Calendar {
        /**
         * Days off of years the built-in State Council arrangements ({@code time.OfficialHolidays}) do not have yet
         * (放假调休 days; weekend days inside a holiday may be listed too). A year with any day here counts as covered.
         */
        java.util.Optional<java.util.List<java.time.LocalDate>> holidays();

        /** Weekend days worked (调休上班) of those years. */
        java.util.Optional<java.util.List<java.time.LocalDate>> makeupWorkdays();

        /** Readiness checks the years of today and of today plus this many days (deadlines reach into the next year). */
        @WithDefault("60")
        int lookaheadDays();
    }

    interface Consumer {
        /** false: the consumer is registered but not started (tests that drive it themselves, a read-only replica). */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group; dead letters go to {@code <topic>.<group>.dlt}. */
        @WithDefault("${quarkus.application.name}")
        String group();

        @WithDefault("500")
        int maxPollRecords();

        /** Loops (threads) in the group; they share the partitions and one fetch budget. */
        @WithDefault("1")
        int loops();

        /**
         * {@code session.timeout.ms}: how long the broker keeps a silent member's partitions. The loops are static
         * members, so a restart under the same instance id takes them back at once whatever this is; it only bounds
         * how long partitions wait for an instance that does not come back (a pod replaced under a new name, fewer
         * loops). 45 s is Kafka's own default: a shorter one would expire members in long GC pauses on a small pod,
         * and rescheduling a lost pod takes Kubernetes longer anyway.
         */
        @WithDefault("45s")
        Duration sessionTimeout();

        /** Wait before a failed batch (database or broker away) is polled again. */
        @WithDefault("2s")
        Duration retryBackoff();
    }
}
