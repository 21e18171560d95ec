package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that parsed as a CloudEvent, with where it came from. */
public record IncomingEvent(CloudEvent event, ConsumerRecord<String, byte[]> record) {
    public String id() {
        return event.id();
    }

    public String type() {
        return event.type();
    }
}
