package cn.partybuilding.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the transactional outbox relay ({@code outbox.*}). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {
    /**
     * Whether this process runs the relay thread. Any number of instances may: only the one holding the lease publishes
     * (per-unit order), the others stand by ({@code OutboxRelay}).
     */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows sent per Kafka transaction. */
    @WithDefault("500")
    int batchSize();

    /** Pause when the outbox is empty. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Pause after a failed attempt (broker down). */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Backlog above which readiness reports the outbox as degraded. */
    @WithDefault("10000")
    long degradedBacklog();

    /** Transactional id prefix of the relay's producer; unique per service. */
    @WithDefault("${quarkus.application.name}-outbox")
    String transactionalId();

    /**
     * How often a standby relay tries to take the lease: with a dead holder's session ended, the longest takeover time
     * (a holder shut down gracefully releases at once; a SIGKILLed one's session ends when its socket closes).
     */
    @WithDefault("2s")
    Duration leaseRetry();

    /** Sent rows older than this are deleted by the relay (the events live on in Kafka). */
    @WithDefault("P7D")
    Duration retainSent();
}
