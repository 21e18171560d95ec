package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that break the contract go to the dead-letter topic with the reason; consumption goes on. */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class DeadLetterTest {
    static final String DLT = Topics.deadLetter(Topics.NOTICE_REQUESTS, "notification-service");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void poisonRequestsAreDeadLetteredAndTheNextRequestIsStillServed() {
        CloudEvent unknownType = Reporting.request("PROMOTION", new Recipient("D-M1", "MEMBER", "钱七", null), "2026-11", "D401", "县林业局", null, Map.of());
        Map<String, Object> wrongKey = CloudEventCodec.MAPPER.convertValue(
                Reporting.request("STUDY_REMINDER", new Recipient("D-M2", "MEMBER", "孙八", "not-an-address"), "2026-11", "D401", "县林业局", null, Map.of()).data(), Map.class);
        wrongKey.put("noticeKey", "STUDY_REMINDER|somebody-else|2026-11");
        CloudEvent mismatched = CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, "D401", CloudEventCodec.toTree(wrongKey));
        TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), Topics.NOTICE_REQUESTS, unknownType);
        TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), Topics.NOTICE_REQUESTS, mismatched);
        TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), Topics.NOTICE_REQUESTS, "D401", "{\"specversion\":\"1.0\",\"id\":".getBytes(StandardCharsets.UTF_8));
        Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER", new Recipient("D-M3", "MEMBER", "周九", null), "2026-11", "D401", "县林业局", null, Map.of("completionRate", 0.3)));

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, DLT, Duration.ofSeconds(60),
                seen -> seen.stream().filter(r -> "D401".equals(r.key())).count() >= 3);
        List<String> reasons = dead.stream().filter(r -> "D401".equals(r.key())).map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).toList();
        assertEquals(3, reasons.size(), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("noticeType 'PROMOTION' is not one of")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.contains("recipient.email 'not-an-address' is not an e-mail address")), reasons::toString);
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("not JSON")), reasons::toString);
        assertEquals(Topics.NOTICE_REQUESTS, TopicProbe.header(dead.get(0), Topics.DLT_TOPIC_HEADER));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/inbox/D-M3").then().body("$", hasSize(1)));
        given().get("/inbox/D-M1").then().statusCode(200).body("$", hasSize(0));
        given().get("/inbox/D-M2").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anUnreadableRankingIsDeadLetteredAndTheBulletinsKeepWaiting() {
        Map<String, Object> broken = new java.util.LinkedHashMap<>();
        broken.put("period", "2026-13");
        broken.put("entries", List.of(Map.of("unitCode", "D403")));
        TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), Topics.REPORTING, CloudEvent.of("/reporting-service", EventTypes.RANKING_PUBLISHED, "D403", CloudEventCodec.toTree(broken)));
        String reportingDlt = Topics.deadLetter(Topics.REPORTING, "notification-service");
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, reportingDlt, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(r -> "D403".equals(r.key())));
        String reason = dead.stream().filter(r -> "D403".equals(r.key())).map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).findFirst().orElseThrow();
        assertEquals("invalid ranking: period '2026-13' is not YYYY-MM; version is missing or below 1; every entry needs rank and unitCode", reason);
    }

    @Test
    void aNoticeKeyThatDoesNotMatchItsFieldsIsRefusedWithTheExpectedKey() {
        Map<String, Object> data = CloudEventCodec.MAPPER.convertValue(
                Reporting.request("CRITICISM", new Recipient("D-SEC", "UNIT_SECRETARY", null, null), "2026-11", "D402", "县水利局", null, Map.of()).data(), Map.class);
        data.put("noticeKey", "CRITICISM|D402|2026-11");
        TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), Topics.NOTICE_REQUESTS, CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, "D402", CloudEventCodec.toTree(data)));
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, DLT, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(r -> "D402".equals(r.key())));
        String reason = dead.stream().filter(r -> "D402".equals(r.key())).map(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER)).findFirst().orElseThrow();
        assertTrue(reason.contains("noticeKey 'CRITICISM|D402|2026-11' does not match noticeType|recipient.id|period 'CRITICISM|D-SEC|2026-11'"), reason);
    }
}
