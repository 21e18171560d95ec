package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.roster.RosterMember;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.notification.support.RosterEvents;
import cn.partybuilding.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the broker: an event whose value the database refuses (a field longer than its column, which the contract
 * checks let through) is dead-lettered with the database's reason, the events sent before and after it on the same
 * partition are applied, and the partition moves on. An event with a 300-character CloudEvent id is applied like any other.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class PoisonValueTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aNoticeRequestTheDatabaseRefusesIsDeadLetteredAndItsPartitionMovesOn() {
        double issuedBefore = issuedDue();
        CloudEvent before = due("P601-ITEM-1", "县统计局");
        // unit_name is varchar(200); NoticeRequestRules does not limit a unit's name
        CloudEvent poison = due("P601-ITEM-2", "县统计局" + "附属事业单位".repeat(40));
        CloudEvent after = due("P601-ITEM-3", "县统计局");
        CloudEvent base = due("P601-ITEM-4", "县统计局");
        String longId = "urn:reporting-service:notice-request:" + "0123456789abcdef".repeat(17) + ":P601-ITEM-4";
        CloudEvent longIdRequest = CloudEvent.withId(longId, base.source(), base.type(), base.subject(), OffsetDateTime.now(), base.data());
        assertTrue(longId.length() > 300);
        // one producer, sent back to back: the four usually arrive in one poll, whose transaction the refused value fails
        publish(Topics.NOTICE_REQUESTS, before, poison, after, longIdRequest);

        String dlt = Topics.deadLetter(Topics.NOTICE_REQUESTS, "notification-service");
        ConsumerRecord<String, byte[]> dead = deadLetter(dlt, "P601");
        String reason = TopicProbe.header(dead, Topics.DLT_REASON_HEADER);
        assertTrue(reason.startsWith("refused by the database:"), reason);
        assertTrue(reason.contains("value too long for type character varying(200)"), reason);
        assertTrue(!reason.contains("附属事业单位"), "the reason names the refusal, not the notice's data: " + reason);
        assertEquals(poison.id(), TopicProbe.parseOrNull(dead).id());
        assertEquals(Topics.NOTICE_REQUESTS, TopicProbe.header(dead, Topics.DLT_TOPIC_HEADER));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/P601-SEC").then().statusCode(200)
                .body("period", containsInAnyOrder("P601-ITEM-1", "P601-ITEM-3", "P601-ITEM-4")));

        // the partition moves on: a later request of the same unit is served
        publish(Topics.NOTICE_REQUESTS, due("P601-ITEM-5", "县统计局"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/inbox/P601-SEC").then()
                .body("period", containsInAnyOrder("P601-ITEM-1", "P601-ITEM-3", "P601-ITEM-4", "P601-ITEM-5")));
        assertEquals(1, deadLetters(dlt, "P601").size(), "only the refused request is dead-lettered");
        // counted once each, although the poll was applied twice (as a whole, rolled back, then event by event)
        assertEquals(4.0, issuedDue() - issuedBefore);
    }

    @Test
    void aRosterEventTheDatabaseRefusesIsDeadLetteredAndTheOthersApply() {
        CloudEvent before = RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R701", "R701-M1", null, "张一", "MEMBER", null));
        // roster_member.name is varchar(200): refused, not silently cut
        CloudEvent poison = RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R701", "R701-M2", null, "欧阳".repeat(101), "MEMBER", null));
        CloudEvent after = RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R701", "R701-M3", null, "张三", "SECRETARY", null));
        publish(Topics.ORGANISATION, before, poison, after);

        String dlt = Topics.deadLetter(Topics.ORGANISATION, "notification-service");
        ConsumerRecord<String, byte[]> dead = deadLetter(dlt, "R701");
        String reason = TopicProbe.header(dead, Topics.DLT_REASON_HEADER);
        assertTrue(reason.startsWith("refused by the database:"), reason);
        assertTrue(reason.contains("value too long for type character varying(200)"), reason);
        assertEquals(poison.id(), TopicProbe.parseOrNull(dead).id());
        await().atMost(Duration.ofSeconds(60)).until(() -> members().equals(List.of("R701-M1", "R701-M3")));

        publish(Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R701", "R701-M4", null, "张四", "MEMBER", null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> members().equals(List.of("R701-M1", "R701-M3", "R701-M4")));
    }

    private static CloudEvent due(String item, String unitName) {
        return Reporting.request("RECTIFICATION_DUE", new Recipient("P601-SEC", "UNIT_SECRETARY", "赵书记", null), item, "P601", unitName,
                null, Map.of("itemId", item, "deadline", "2026-12-31"));
    }

    private void publish(String topic, CloudEvent... events) {
        Properties props = new Properties();
        // as the service that publishes the topic: reporting-service the requests, assessment-service the roster
        KafkaAccess.Principal publisher = Topics.ORGANISATION.equals(topic) ? KafkaAccess.ASSESSMENT_SERVICE : KafkaAccess.REPORTING_SERVICE;
        props.putAll(KafkaAccess.probeSettings(bootstrap, publisher.name()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (CloudEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.subject(), CloudEventCodec.write(e)));
            }
            producer.flush();
        }
    }

    private ConsumerRecord<String, byte[]> deadLetter(String dlt, String key) {
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(r -> key.equals(r.key())));
        List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> key.equals(r.key())).toList();
        assertEquals(1, mine.size(), "dead letters of " + key);
        return mine.get(0);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String dlt, String key) {
        return TopicProbe.readUntil(bootstrap, dlt, Duration.ofSeconds(3), seen -> false).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static List<String> members() {
        return QuarkusTransaction.requiringNew().call(() -> RosterMember.<RosterMember>list("unitCode = ?1 order by memberId", "R701")
                .stream().map(m -> m.memberId).toList());
    }

    private static final Pattern ISSUED_DUE = Pattern.compile("(?m)^notices_issued_total\\{[^}]*type=\"RECTIFICATION_DUE\"[^}]*} (\\S+)$");

    /** Metrics are on the management interface (its own port, no token). */
    @TestHTTPResource(value = "/metrics", management = true) // relative to the management root, /q
    URL metrics;

    private double issuedDue() {
        Matcher m = ISSUED_DUE.matcher(given().get(metrics).then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
