package cn.partybuilding.eventing.sample;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.eventing.EventPublisher;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.util.Map;

/** A write that publishes an event, as a service's REST operation does: its trace context goes with the event. */
@Path("/samples/events")
public class TracedSampleResource {
    public static final String TOPIC = "platform.traced";

    @Inject
    EventPublisher publisher;

    /** Answers the published event's id. */
    @POST
    @Transactional
    public String publish() {
        CloudEvent event = publisher.publish(TOPIC, EventTypes.PERIOD_LOCKED, "COMMITTEE", Map.of("period", "2026-04", "by", "traced"));
        return event.id();
    }
}
