package cn.partybuilding.reporting.rectification;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.reporting.support.ConsumerCounters;
import io.micrometer.core.instrument.MeterRegistry;
import cn.partybuilding.local.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Predicate;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.AsyncApiContract;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.support.County;
import cn.partybuilding.reporting.support.CountyCleanup;
import cn.partybuilding.reporting.support.Outbox;
import cn.partybuilding.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.4, the rectification loop's notices: assessment-service's rectification.due-soon becomes one 整改提醒 request
 * to the unit's secretary, rectification.overdue one 逾期通报 to the secretary and one to the committee — once, however
 * often the events arrive — and the month's bulletin lists the county's overdue items. County of 2051 (RL1, RL2), applied
 * through the ingest's rules.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class RectificationNoticesTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    /** The trace contexts of the requests that raised the findings, which assessment-service's events carry (issue 17.4). */
    private static final String RAISED_A = "00-a0000000000000000000000000000001-0000000000000001-01";
    private static final String RAISED_B = "00-b0000000000000000000000000000002-0000000000000002-01";
    private static final String RAISED_D = "00-d0000000000000000000000000000004-0000000000000004-01";

    @Inject
    FactBatchHandler applier;

    @Inject
    EventConsumers consumers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private List<CloudEvent> requests(String itemId) throws Exception {
        return Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream().filter(e -> itemId.equals(e.data().path("period").asText())).toList();
    }

    @Test
    void dueSoonAndOverdueBecomeNoticeRequestsOnceAndTheBulletinListsTheOverdueItems() throws Exception {
        County county = new County(2051).unit("RL1", "县林业局").unit("RL2", "县水利局")
                .score("RL1", "2051-01", 80, 1).score("RL2", "2051-01", 70, 1)
                .finding("RL1", "RL-A", "2051-01", "谈心谈话开展不到位", "督查", "2051-02-10")
                .finding("RL2", "RL-B", "2051-01", "党费收缴存在漏缴情况", "巡察", "2051-01-31")
                .finding("RL1", "RL-C", "2051-01", "主题党日流于形式", "巡察", "2051-03-31")
                .rectification(EventTypes.RECTIFICATION_DUE_SOON, "RL1", "RL-A", "OPEN", "2051-02-10", "谈心谈话开展不到位", "督查").traced(RAISED_A)
                .rectification(EventTypes.RECTIFICATION_OVERDUE, "RL2", "RL-B", "OVERDUE", "2051-01-31", "党费收缴存在漏缴情况", "巡察").traced(RAISED_B)
                .rectification(EventTypes.RECTIFICATION_SUBMITTED, "RL1", "RL-C", "SUBMITTED", "2051-03-31", "主题党日流于形式", "巡察");
        List<IncomingEvent> events = county.events();
        assertEquals(List.of(), consumers.idempotent("rectification-notices-test", applier).handle(events));
        factsVersion.bump();

        List<CloudEvent> due = requests("RL-A");
        assertEquals(List.of("RECTIFICATION_DUE|RL1-S|RL-A"), due.stream().map(e -> e.data().path("noticeKey").asText()).toList());
        CONTRACT.assertConforms(due.get(0));
        JsonNode reminder = due.get(0).data();
        assertEquals("UNIT_SECRETARY", reminder.path("recipient").path("kind").asText());
        assertEquals("县林业局", reminder.path("unitName").asText());
        assertEquals("2051-02-10", reminder.path("deadline").asText());
        assertEquals("谈心谈话开展不到位", reminder.path("facts").path("description").asText());
        assertEquals(3, reminder.path("facts").path("remindWorkingDays").asInt());
        assertEquals(List.of("RECTIFICATION_OVERDUE|COMMITTEE|RL-B", "RECTIFICATION_OVERDUE|RL2-S|RL-B"),
                requests("RL-B").stream().map(e -> e.data().path("noticeKey").asText()).sorted().toList());
        assertEquals(List.of(), requests("RL-C"), "a submission is no notice");
        assertEquals("SUBMITTED", status("RL-C"));
        // one batch, two traces: each request carries the trace of the event that caused it
        assertEquals(traceId(RAISED_A), due.get(0).traceId());
        assertEquals(List.of(traceId(RAISED_B), traceId(RAISED_B)), requests("RL-B").stream().map(CloudEvent::traceId).toList());

        // redelivered (the same event ids): nothing more
        assertEquals(List.of(), consumers.idempotent("rectification-notices-test", applier).handle(events));
        assertEquals(1, requests("RL-A").size());
        assertEquals(2, requests("RL-B").size());

        // the month's bulletin lists the county's overdue items at publication time (RL-B only)
        assertEquals(List.of(), consumers.idempotent("rectification-notices-test", applier).handle(county.locked("2051-01").events()));
        factsVersion.bump();
        given().post("/rankings/2051-01/publish").then().statusCode(200);
        JsonNode bulletin = Outbox.events(dataSource, Topics.NOTICE_REQUESTS).stream().map(CloudEvent::data)
                .filter(d -> "MONTHLY_BULLETIN|ALL_UNITS|2051-01".equals(d.path("noticeKey").asText())).findFirst().orElseThrow();
        List<String> overdue = new java.util.ArrayList<>();
        bulletin.path("facts").path("overdueRectifications").forEach(i -> {
            if (i.path("unitCode").asText().startsWith("RL")) {
                overdue.add(i.path("itemId").asText() + " " + i.path("unitName").asText() + " " + i.path("deadline").asText() + " "
                        + i.path("description").asText() + " " + i.path("source").asText());
            }
        });
        assertEquals(List.of("RL-B 县水利局 2051-01-31 党费收缴存在漏缴情况 巡察"), overdue);
        assertTrue(bulletin.path("facts").path("overdueRectifications").isArray());
    }

    /**
     * The same through the broker: assessment-service's events (sent as its principal) reach the live ingest consumer,
     * which requests the 整改提醒 once; the same events delivered again (same ids) request nothing more.
     */
    @Test
    void throughTheBrokerTheReminderIsRequestedOnceEvenWhenRedelivered() throws Exception {
        County county = new County(2051).unit("RL3", "县审计局")
                .finding("RL3", "RL-D", "2051-02", "巡察反馈问题整改不彻底", "巡察", "2051-02-20")
                .rectification(EventTypes.RECTIFICATION_DUE_SOON, "RL3", "RL-D", "OPEN", "2051-02-20", "巡察反馈问题整改不彻底", "巡察")
                .traced(RAISED_D);
        List<IncomingEvent> events = county.events();
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (IncomingEvent e : events) {
                producer.send(new ProducerRecord<>(e.record().topic(), e.event().subject(), CloudEventCodec.write(e.event()))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> requests("RL-D").size() == 1);
            assertEquals("RECTIFICATION_DUE|RL3-S|RL-D", requests("RL-D").get(0).data().path("noticeKey").asText());
            double handled = ConsumerCounters.handled(registry, FactBatchHandler.CONSUMER);
            for (IncomingEvent e : events) {
                producer.send(new ProducerRecord<>(e.record().topic(), e.event().subject(), CloudEventCodec.write(e.event()))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ConsumerCounters.handled(registry, FactBatchHandler.CONSUMER) >= handled + events.size());
        }
        assertEquals(1, requests("RL-D").size(), "a redelivered due-soon requests no second reminder");
        // on the notice-requests topic, for notification-service: the trace of the request that raised the finding
        Predicate<ConsumerRecord<String, byte[]>> reminder = r -> {
            CloudEvent e = TopicProbe.parseOrNull(r);
            return e != null && e.data() != null && "RL-D".equals(e.data().path("period").asText());
        };
        ConsumerRecord<String, byte[]> sent = TopicProbe.readUntil(bootstrap, Topics.NOTICE_REQUESTS, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(reminder)).stream().filter(reminder).findFirst().orElseThrow();
        assertEquals(traceId(RAISED_D), TopicProbe.parseOrNull(sent).traceId());
        assertEquals(TopicProbe.parseOrNull(sent).traceparent(), TopicProbe.header(sent, "traceparent"));
    }

    private static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private String status(String itemId) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("select status from rectification where item_id = ?")) {
            s.setString(1, itemId);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @AfterEach
    void removeCounty() throws Exception {
        CountyCleanup.remove(dataSource, "RL", 2051);
        factsVersion.bump();
    }
}
