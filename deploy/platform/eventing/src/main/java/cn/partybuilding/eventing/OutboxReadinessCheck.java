package cn.partybuilding.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named "outbox": stays UP (writes still succeed and are kept), but reports the
 * backlog and {@code degraded=true} once it passes {@code outbox.degraded-backlog}, so operators see
 * that events are not reaching Kafka. {@code activeRelay} says whether this instance's relay is the one publishing.
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {
    @Inject
    OutboxRelay relay;

    @Inject
    OutboxConfig config;

    @Override
    public HealthCheckResponse call() {
        long backlog = relay.backlog();
        var builder = HealthCheckResponse.named("outbox").up()
                .withData("backlog", backlog)
                .withData("degraded", backlog > config.degradedBacklog())
                .withData("published", relay.published())
                // a standby is as ready as the active relay: it serves requests and writes to the outbox all the same
                .withData("activeRelay", relay.active());
        String error = relay.lastErrorMessage();
        if (error != null) {
            builder.withData("lastError", error);
        }
        return builder.build();
    }
}
