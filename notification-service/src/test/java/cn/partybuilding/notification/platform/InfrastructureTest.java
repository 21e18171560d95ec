package cn.partybuilding.notification.platform;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.eventing.OutboxWriter;
import cn.partybuilding.local.KafkaBrokerResource;
import cn.partybuilding.local.PostgresResource;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.support.ChannelServersResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The foundation: real broker, real PostgreSQL, health semantics ops teams rely on. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(ChannelServersResource.class)
class InfrastructureTest {
    @Inject
    OutboxWriter outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void readinessNamesDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "outbox", "Database connections health check"));
    }

    @Test
    void anOutboxEventGoesThroughTheBrokerAndBack() {
        CloudEvent sent = CloudEvent.of("/notification-service", EventTypes.PERIOD_LOCKED, "COMMITTEE",
                CloudEventCodec.toTree(Map.of("period", "2026-03", "by", "infrastructure-test")));
        QuarkusTransaction.requiringNew().run(() -> outbox.append("infrastructure.roundtrip", sent));
        List<CloudEvent> received = TopicProbe.events(bootstrap, "infrastructure.roundtrip", EventTypes.PERIOD_LOCKED, 1, Duration.ofSeconds(30));
        assertEquals(1, received.size());
        CloudEvent back = received.get(0);
        assertEquals(sent.id(), back.id());
        assertEquals("COMMITTEE", back.subject());
        assertEquals("urn:partybuilding:schema:period.locked:1", back.dataschema());
        assertEquals("2026-03", back.data().get("period").asText());
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
}
