package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchConsumerLoop;
import cn.partybuilding.notification.platform.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** Runs the consumer of notice requests, reporting events and the roster (group notification-service). */
@ApplicationScoped
public class IntakeConsumer {
    @Inject
    IntakeHandler handler;
    @Inject
    NotificationConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private BatchConsumerLoop loop;

    void start(@Observes StartupEvent ignored) {
        if (!config.consumer().enabled()) {
            return;
        }
        loop = new BatchConsumerLoop(bootstrap, config.consumer().group(), List.of(Topics.NOTICE_REQUESTS, Topics.REPORTING, Topics.ORGANISATION),
                handler::handle, config.consumer().maxPollRecords(), config.consumer().retryBackoff())
                .start("notification-intake");
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (loop != null) {
            loop.close();
        }
    }

    public String deadLetterTopic(String topic) {
        return Topics.deadLetter(topic, config.consumer().group());
    }
}
