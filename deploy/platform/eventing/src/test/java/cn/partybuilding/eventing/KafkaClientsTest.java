package cn.partybuilding.eventing;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.eventing.sample.SampleApplier;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Kafka client settings come from Quarkus' {@code kafka.*} for every client (so TLS or SASL to a managed cluster is
 * configuration only), and each client's metrics — consumer lag per group and partition above all — are on /q/metrics.
 */
@QuarkusTest
@PlatformTestResources
class KafkaClientsTest {
    @Inject
    OutboxRelay relay;

    @Inject
    EventConsumers consumers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aKafkaSettingReachesTheRelayAndEveryConsumer() {
        // application.properties sets kafka.metadata.max.age.ms=54321, a setting no client sets itself
        Properties relaySettings = relay.producerSettings();
        assertEquals("54321", relaySettings.get("metadata.max.age.ms"));
        assertEquals(bootstrap, relaySettings.get("bootstrap.servers"));
        assertEquals("true", String.valueOf(relaySettings.get("enable.idempotence")), "the relay's own settings stay");

        var sample = consumers.get("sample");
        assertFalse(sample.consumerSettings().isEmpty(), "the sample consumer runs");
        for (Properties consumer : sample.consumerSettings()) {
            assertEquals("54321", consumer.get("metadata.max.age.ms"));
            assertEquals("eventing-test", consumer.get("group.id"));
            assertEquals("read_committed", consumer.get("isolation.level"), "the loop's own settings win");
        }
        // each loop a static member named after the instance (eventing.instance-id, made a valid member id), the
        // consumer and the loop, so a restart takes its partitions back at once (StaticMembershipTest)
        assertEquals("platform-test-1-sample-0", sample.consumerSettings().get(0).get("group.instance.id"));
        assertEquals(45_000, sample.consumerSettings().get(0).get("session.timeout.ms"));
        for (Properties deadLetters : sample.deadLetterProducerSettings()) {
            assertEquals("54321", deadLetters.get("metadata.max.age.ms"));
        }
    }

    @Test
    void consumerLagPerGroupAndPartitionIsExported() {
        TopicProbe.publish(bootstrap, SampleApplier.TOPIC, CloudEvent.of("/test", EventTypes.STUDY_COMPLETED, "U-LAG",
                CloudEventCodec.toTree(Map.of("label", "lag"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag{"))
                .body(containsString("group=\"eventing-test\""))
                .body(containsString("topic=\"" + SampleApplier.TOPIC + "\""))
                .body(containsString("eventing_consumer_events_total{consumer=\"sample\"")));
    }
}
