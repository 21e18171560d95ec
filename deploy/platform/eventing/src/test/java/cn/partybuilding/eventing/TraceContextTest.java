package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.eventing.sample.TracedSampleResource;
import cn.partybuilding.local.TopicProbe;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The trace context from the REST call through the outbox to the topic: an event published while a request with a
 * {@code traceparent} header is served carries that trace id, in the envelope (CloudEvents extension) and as a Kafka
 * header; an event published while a consumed event's context is resumed carries the consumed event's.
 */
@QuarkusTest
@PlatformTestResources
class TraceContextTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String INCOMING = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anEventPublishedInARequestCarriesTheRequestsTraceIdToTheTopic() {
        String id = given().header("traceparent", INCOMING).post("/samples/events").then().statusCode(200).extract().asString();
        ConsumerRecord<String, byte[]> record = record(TracedSampleResource.TOPIC, id);
        CloudEvent event = TopicProbe.parseOrNull(record);
        assertNotNull(event.traceparent(), "the envelope carries the CloudEvents extension traceparent");
        assertEquals(TRACE_ID, event.traceId(), "the trace id of the request's traceparent header");
        assertEquals(event.traceparent(), TopicProbe.header(record, "traceparent"), "the Kafka header repeats the envelope's");
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfItsOwn() {
        String id = given().post("/samples/events").then().statusCode(200).extract().asString();
        CloudEvent event = TopicProbe.parseOrNull(record(TracedSampleResource.TOPIC, id));
        assertNotNull(event.traceparent(), "a new trace for the request");
        assertNotEquals(TRACE_ID, event.traceId());
    }

    @Test
    void anEventPublishedWhileAConsumedEventIsResumedCarriesItsTraceId() {
        CloudEvent sent;
        try (Scope ignored = TraceContext.resume(INCOMING)) {
            sent = QuarkusTransaction.requiringNew().call(() ->
                    publisher.publish("platform.traced.resumed", EventTypes.PERIOD_LOCKED, "COMMITTEE", Map.of("period", "2026-05", "by", "t")));
        }
        CloudEvent received = TopicProbe.parseOrNull(record("platform.traced.resumed", sent.id()));
        assertEquals(TRACE_ID, received.traceId());
        assertEquals(received.traceparent(), sent.traceparent(), "the publisher answers the event as the outbox keeps it");
        assertNull(TraceContext.current(), "the scope closed: no trace context left on the thread");
    }

    @Test
    void withoutTraceContextTheEnvelopeHasNoTraceparent() {
        CloudEvent sent = QuarkusTransaction.requiringNew().call(() ->
                publisher.publish("platform.traced.none", EventTypes.PERIOD_LOCKED, "COMMITTEE", Map.of("period", "2026-06", "by", "t")));
        ConsumerRecord<String, byte[]> record = record("platform.traced.none", sent.id());
        assertNull(TopicProbe.parseOrNull(record).traceparent());
        assertNull(TopicProbe.header(record, "traceparent"));
    }

    private ConsumerRecord<String, byte[]> record(String topic, String eventId) {
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> isEvent(r, eventId)));
        return records.stream().filter(r -> isEvent(r, eventId)).findFirst()
                .orElseThrow(() -> new AssertionError("event " + eventId + " not on " + topic));
    }

    private static boolean isEvent(ConsumerRecord<String, byte[]> record, String eventId) {
        CloudEvent event = TopicProbe.parseOrNull(record);
        return event != null && event.id().equals(eventId);
    }
}
