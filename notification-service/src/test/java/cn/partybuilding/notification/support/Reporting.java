package cn.partybuilding.notification.support;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/** Publishes what reporting-service would (as plain JSON maps, the way a foreign producer writes the contract). */
public final class Reporting {
    private Reporting() {
    }

    public record Recipient(String id, String kind, String name, String email) {
    }

    public static CloudEvent request(String type, Recipient recipient, String period, String unitCode, String unitName,
                                     LocalDate deadline, Map<String, Object> facts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeKey", type + "|" + recipient.id() + "|" + period);
        data.put("noticeType", type);
        data.put("period", period);
        data.put("unitCode", unitCode);
        data.put("unitName", unitName);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", recipient.id());
        r.put("kind", recipient.kind());
        r.put("name", recipient.name());
        r.put("email", recipient.email());
        data.put("recipient", r);
        data.put("deadline", deadline == null ? null : deadline.toString());
        data.put("facts", facts);
        return CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, unitCode == null ? Topics.COMMITTEE_SUBJECT : unitCode,
                CloudEventCodec.toTree(data));
    }

    /**
     * The one monthly bulletin of a period as reporting-service requests it since issue 12.5: recipient ALL_UNITS, no
     * unit, a copy to each addressee (the units' secretaries: {@code Recipient} plus unit code and name).
     */
    public static CloudEvent bulletin(String period, List<Map<String, Object>> addressees) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeKey", "MONTHLY_BULLETIN|ALL_UNITS|" + period);
        data.put("noticeType", "MONTHLY_BULLETIN");
        data.put("period", period);
        data.put("recipient", Map.of("id", "ALL_UNITS", "kind", "ALL_UNITS", "name", "各县直机关单位党组（党委）、机关党委（党总支、党支部）"));
        data.put("facts", Map.of("unitsRanked", addressees.size()));
        data.put("addressees", addressees);
        return CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, Topics.COMMITTEE_SUBJECT, CloudEventCodec.toTree(data));
    }

    /** The 更正通报 of a republished month (issue 13.5): like the bulletin, with the version it corrects to and the reason. */
    public static CloudEvent correction(String period, int version, String reason, List<Map<String, Object>> addressees) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeKey", "CORRECTION_BULLETIN|ALL_UNITS|" + period);
        data.put("noticeType", "CORRECTION_BULLETIN");
        data.put("period", period);
        data.put("recipient", Map.of("id", "ALL_UNITS", "kind", "ALL_UNITS", "name", "各县直机关单位党组（党委）、机关党委（党总支、党支部）"));
        data.put("facts", Map.of("version", version, "reason", reason));
        data.put("addressees", addressees);
        return CloudEvent.of("/reporting-service", EventTypes.NOTICE_REQUESTED, Topics.COMMITTEE_SUBJECT, CloudEventCodec.toTree(data));
    }

    /** A withdrawal of the notice of {@code noticeKey} as reporting-service requests it (issue 13.5). */
    public static CloudEvent withdrawal(String noticeKey, String period, String unitCode, int version, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeKey", noticeKey);
        data.put("noticeType", noticeKey.substring(0, noticeKey.indexOf('|')));
        data.put("period", period);
        data.put("unitCode", unitCode);
        data.put("recipientId", noticeKey.split("\\|")[1]);
        data.put("version", version);
        data.put("reason", reason);
        return CloudEvent.of("/reporting-service", EventTypes.NOTICE_WITHDRAWAL_REQUESTED, unitCode, CloudEventCodec.toTree(data));
    }

    /** An addressee of a county-wide document: a unit's secretary. */
    public static Map<String, Object> addressee(String id, String name, String email, String unitCode, String unitName) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("kind", "UNIT_SECRETARY");
        a.put("name", name);
        a.put("email", email);
        a.put("unitCode", unitCode);
        a.put("unitName", unitName);
        return a;
    }

    public static Map<String, Object> entry(int rank, String unitCode, String unitName, double score, String tier, Integer rankChange) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("rank", rank);
        e.put("unitCode", unitCode);
        e.put("unitName", unitName);
        e.put("score", score);
        e.put("tier", tier);
        e.put("status", "SUBMITTED");
        e.put("rankChange", rankChange);
        e.put("completionRate", 0.9);
        e.put("deductions", 0);
        e.put("bonuses", 0);
        return e;
    }

    public static CloudEvent ranking(String period, int version, List<Map<String, Object>> entries) {
        return ranking(period, version, entries, null);
    }

    /** A ranking with the units that submitted nothing beside its entries (issue 12.4; null: none listed). */
    public static CloudEvent ranking(String period, int version, List<Map<String, Object>> entries, List<Map<String, Object>> notSubmitted) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("period", period);
        data.put("version", version);
        data.put("publishedAt", "2026-11-05T09:00:00+08:00");
        data.put("systemYear", 2026);
        data.put("systemVersion", 1);
        data.put("entries", entries);
        if (notSubmitted != null) {
            data.put("notSubmitted", notSubmitted);
        }
        return CloudEvent.of("/reporting-service", EventTypes.RANKING_PUBLISHED, Topics.COMMITTEE_SUBJECT, CloudEventCodec.toTree(data));
    }

    public static void publish(String bootstrap, CloudEvent... events) {
        for (CloudEvent e : events) {
            String topic = EventTypes.RANKING_PUBLISHED.equals(e.type()) ? Topics.REPORTING : Topics.NOTICE_REQUESTS;
            TopicProbe.publishAs(bootstrap, KafkaAccess.REPORTING_SERVICE.name(), topic, e);
        }
    }

    /** Waits until the notification-service consumer group has committed everything on its two topics. */
    public static void awaitConsumed(String bootstrap) {
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap)); // the admin's sign-in when the broker runs SASL
        try (Admin admin = Admin.create(props)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("notification-service")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : List.of(Topics.NOTICE_REQUESTS, Topics.REPORTING)) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }
}
