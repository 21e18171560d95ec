package cn.partybuilding.e2e;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static cn.partybuilding.e2e.CountyMonthEndToEndTest.ok;
import static cn.partybuilding.e2e.RunningSystem.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17.4, what an operator follows across the three services: the assessor's client raises a finding (a deduction
 * of U001's October) with a W3C {@code traceparent} header; two days before its deadline assessment-service's status job
 * announces the 整改提醒 (rectification.due-soon; here the job runs every 2 s instead of hourly), reporting-service
 * requests the notice and notification-service issues it to U001's secretary. Every event of that chain — days later,
 * through the outbox, the broker and a scheduled job — carries the finding request's trace id, so one score can be
 * followed to its notice: on the topics, and in notification-service's (JSON) log line about issuing it.
 */
class TraceFollowedEndToEndTest {
    private static final String TRACE_ID = "3c5e8a1f0b2d4c6e9a7b1d3f5e7a9c0b";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-6e0c63257de34c92-01";
    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.withAssessmentSettings(Map.of("assessment.rectification.status-every", "2s"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aFindingsTraceIdIsFollowedToTheReminderNoticeItCauses() {
        var admin = system.as("committee-admin");
        CountyMonthEndToEndTest.enterTheCounty(() -> system.assessment, admin);
        LocalDate deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
        String item = ok(RunningSystem.postInTrace(system.assessment, "/findings", Map.of("unitCode", "U001", "period", "2026-10",
                "deductionPoints", 1, "source", "巡察", "description", "三会一课记录不全", "deadline", deadline.toString()),
                system.as("assessor"), TRACEPARENT)).get("rectificationItemId").asText();

        // the 整改提醒 in U001's secretary's inbox, from the job's announcement
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode notices = ok(get(system.notification, "/notices?type=RECTIFICATION_DUE&period=" + item, admin));
            assertEquals(1, notices.size(), notices.toString());
            assertEquals("U001-002", notices.get(0).get("recipientId").asText(), notices.toString());
        });

        // each hop's event, read from the broker, carries the finding request's trace id (envelope and Kafka header)
        assertTraced(Topics.ASSESSMENT, EventTypes.RECTIFICATION_DUE_SOON, e -> item.equals(e.data().path("itemId").asText()));
        assertTraced(Topics.NOTICE_REQUESTS, EventTypes.NOTICE_REQUESTED, e -> item.equals(e.data().path("period").asText()));
        assertTraced(Topics.NOTIFICATION, EventTypes.NOTICE_ISSUED, e -> e.data().path("noticeKey").asText().endsWith("|" + item));
        // and notification-service's log line about issuing it (JSON, as in production) has that trace id
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(List.of(TRACE_ID), logTraceIds(system.notification.log(), "RECTIFICATION_DUE|U001-002|" + item)));
    }

    /** The mdc.traceId of each JSON log line whose message mentions {@code text}. */
    private static List<String> logTraceIds(Path log, String text) throws IOException {
        List<String> traceIds = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains(text)) {
                JsonNode record = CloudEventCodec.MAPPER.readTree(line);
                if (record.path("message").asText().contains(text)) {
                    traceIds.add(record.path("mdc").path("traceId").asText());
                }
            }
        }
        return traceIds;
    }

    private static void assertTraced(String topic, String type, Predicate<CloudEvent> about) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = r -> {
            CloudEvent e = TopicProbe.parseOrNull(r);
            return e != null && type.equals(e.type()) && e.data() != null && about.test(e);
        };
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(system.broker.bootstrapServers(), topic, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(wanted)).stream().filter(wanted).toList();
        assertEquals(1, records.size(), () -> type + " on " + topic + ": " + records.size());
        CloudEvent event = TopicProbe.parseOrNull(records.get(0));
        assertEquals(TRACE_ID, event.traceId(), () -> type + " carries the trace id of the request that raised the finding: " + event);
        assertEquals(event.traceparent(), TopicProbe.header(records.get(0), "traceparent"), type + ": the Kafka header repeats the envelope's");
    }
}
