package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.UUID;

/**
 * The CloudEvent envelope factory of a service (source {@code eventing.source}, a random id, the service clock's time, the
 * dataschema of the type) and the way to publish: appended to the outbox in the caller's transaction. The payload is an
 * event payload type of the service, never a REST type: the published contract changes only by a new version.
 */
@ApplicationScoped
public class EventPublisher {
    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @Inject
    EventingConfig config;

    /** This service's CloudEvents source, e.g. {@code /assessment-service}. */
    public String source() {
        return config.source();
    }

    public CloudEvent event(String type, String subject, Object payload) {
        // the current trace context now, so the returned event is the one the outbox keeps (it stamps the same otherwise)
        return TraceContext.stamp(CloudEvent.withId(UUID.randomUUID().toString(), config.source(), type, subject, OffsetDateTime.now(clock),
                CloudEventCodec.toTree(payload)), TraceContext.current());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent publish(String topic, String type, String subject, Object payload) {
        CloudEvent event = event(type, subject, payload);
        outbox.append(topic, event);
        return event;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, List<CloudEvent> events) {
        outbox.appendAll(topic, events);
    }

    /** One event per item, each made when its outbox row is written (many events without holding them all at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void publishEach(String topic, Collection<T> items, Function<? super T, CloudEvent> toEvent) {
        outbox.appendEach(topic, items, toEvent);
    }
}
