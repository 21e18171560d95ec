package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that parsed as a CloudEvent, with where it came from. {@code data}: the event's data as its consumer's
 * {@link cn.partybuilding.contracts.DataReader} read it (the event itself then carries none), or null when the event
 * carries its data as a tree.
 */
public record IncomingEvent(CloudEvent event, ConsumerRecord<String, byte[]> record, Object data) {
    public IncomingEvent(CloudEvent event, ConsumerRecord<String, byte[]> record) {
        this(event, record, null);
    }

    public String id() {
        return event.id();
    }

    public String type() {
        return event.type();
    }
}
