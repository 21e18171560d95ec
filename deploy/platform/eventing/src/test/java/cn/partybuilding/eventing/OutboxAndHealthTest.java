package cn.partybuilding.eventing;

import cn.partybuilding.eventing.jdbc.JdbcBatch;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.local.KafkaBrokerResource;
import cn.partybuilding.local.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every service gets from the platform: the outbox through a real broker, readiness, the served event contract. */
@QuarkusTest
@PlatformTestResources
class OutboxAndHealthTest {
    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anEventFromTheFactoryGoesThroughTheOutboxAndTheBroker() {
        CloudEvent sent = QuarkusTransaction.requiringNew().call(() ->
                publisher.publish("platform.roundtrip", EventTypes.PERIOD_LOCKED, "COMMITTEE", Map.of("period", "2026-03", "by", "test")));
        assertEquals("/eventing-test", sent.source(), "source is eventing.source, by default /<application name>");
        List<CloudEvent> received = TopicProbe.events(bootstrap, "platform.roundtrip", EventTypes.PERIOD_LOCKED, 1, Duration.ofSeconds(30));
        assertEquals(sent.id(), received.get(0).id());
        assertEquals("urn:partybuilding:schema:period.locked:1", received.get(0).dataschema());
        assertEquals("2026-03", received.get(0).data().get("period").asText());
    }

    /** A publication appends tens of thousands of events at once; the writer sends them in batches of JdbcBatch.ROWS_PER_ROUND_TRIP. */
    @Test
    void manyEventsAppendedAtOnceAllArriveOnceAndInOrder() {
        int count = JdbcBatch.ROWS_PER_ROUND_TRIP * 2 + 34;
        List<CloudEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(publisher.event(EventTypes.PERIOD_LOCKED, "COMMITTEE", Map.of("period", "2026-03", "by", "n" + i)));
        }
        QuarkusTransaction.requiringNew().run(() -> publisher.publishAll("platform.many", events));
        List<CloudEvent> received = TopicProbe.events(bootstrap, "platform.many", EventTypes.PERIOD_LOCKED, count, Duration.ofSeconds(60));
        assertEquals(count, received.size());
        assertEquals(events.stream().map(CloudEvent::id).toList(), received.stream().map(CloudEvent::id).toList(),
                "every event once, in the order appended (one key, one partition)");
    }

    @Test
    void readinessNamesDatabaseKafkaAndOutbox() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "outbox", "Database connections health check"));
    }

    @Test
    void brokerOutageTurnsReadinessDownButNotLiveness() {
        KafkaBrokerResource.broker().stop();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            KafkaBrokerResource.broker().start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    void theEventContractIsServed() {
        given().get("/asyncapi.yaml").then().statusCode(200)
                .body(containsString("asyncapi:"))
                .body(containsString("party.assessment.v1"));
    }
}
