package cn.partybuilding.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the transactional outbox relay ({@code outbox.*}). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {
    /** Whether this process runs the relay thread (exactly one relay per database keeps per-unit order). */
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

    /** Sent rows older than this are deleted by the relay (the events live on in Kafka). */
    @WithDefault("P7D")
    Duration retainSent();
}
