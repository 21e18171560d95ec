package cn.partybuilding.assessment.common;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Wraps payload records into CloudEvents of this service and appends them to the outbox in the caller's transaction. */
@ApplicationScoped
public class EventPublisher {
    public static final String SOURCE = "/assessment-service";

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    public CloudEvent event(String type, String subject, Object payload) {
        return CloudEvent.withId(UUID.randomUUID().toString(), SOURCE, type, subject, OffsetDateTime.now(clock),
                CloudEventCodec.toTree(payload));
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
}
