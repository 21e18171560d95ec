package cn.partybuilding.eventing;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;


/**
 * Readiness check named "kafka". Only readiness: a broker outage must take a pod out of rotation,
 * not get it restarted, so no Kafka check is ever registered for liveness.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    @Inject
    KafkaClients kafkaClients;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kafka").withData("bootstrap.servers", kafkaClients.bootstrapServers());
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().size();
            return builder.up().withData("nodes", nodes).build();
        } catch (Exception e) {
            return builder.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaClients.admin(java.util.Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)));
        }
        return admin;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
