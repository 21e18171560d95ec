package cn.partybuilding.reporting.ranking;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Publishes CloudEvents onto the real broker the way assessment-service (or a learning platform) would: structured JSON,
 * keyed by subject. Remembers everything it sent so a test can redeliver it.
 */
final class EventFixtures implements AutoCloseable {
    record Sent(String topic, CloudEvent event) {
    }

    /** assessment-service's events are sent as assessment-service, the other systems' study records as learning-platform. */
    private final KafkaProducer<String, byte[]> assessment;
    private final KafkaProducer<String, byte[]> learningPlatform;
    final List<Sent> sent = new ArrayList<>();

    EventFixtures(String bootstrap) {
        assessment = producer(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name());
        learningPlatform = producer(bootstrap, KafkaAccess.LEARNING_PLATFORM.name());
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String principal) {
        Properties props = new Properties();
        props.putAll(KafkaAccess.probeSettings(bootstrap, principal)); // signs in as the principal when the broker runs SASL
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaProducer<String, byte[]> producerOf(CloudEvent event) {
        return "/assessment-service".equals(event.source()) ? assessment : learningPlatform;
    }

    CloudEvent send(String topic, String source, String type, String subject, Map<String, Object> data) {
        CloudEvent event = CloudEvent.of(source, type, subject, CloudEventCodec.toTree(data));
        send(topic, event);
        return event;
    }

    void send(String topic, CloudEvent event) {
        try {
            producerOf(event).send(new ProducerRecord<>(topic, event.subject(), CloudEventCodec.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sent.add(new Sent(topic, event));
    }

    /** Sends every remembered event again, same ids (a redelivery). */
    int redeliverAll() {
        List<Sent> copy = List.copyOf(sent);
        for (Sent s : copy) {
            try {
                producerOf(s.event()).send(new ProducerRecord<>(s.topic(), s.event().subject(), CloudEventCodec.write(s.event()))).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return copy.size();
    }

    // --- the events of the contract, as assessment-service publishes them ---

    CloudEvent unit(String code, String name) {
        return send(Topics.ORGANISATION, "/assessment-service", EventTypes.UNIT_REGISTERED, code, map("unitCode", code, "name", name, "category", "党政机关"));
    }

    CloudEvent organization(String id, String unit) {
        return send(Topics.ORGANISATION, "/assessment-service", EventTypes.ORGANIZATION_REGISTERED, unit,
                map("organizationId", id, "unitCode", unit, "parentId", null, "kind", "ORGANS_COMMITTEE", "name", unit + " 机关党委"));
    }

    CloudEvent member(String id, String unit, String org, String name, String role) {
        return send(Topics.ORGANISATION, "/assessment-service", EventTypes.MEMBER_REGISTERED, unit,
                map("memberId", id, "unitCode", unit, "organizationId", org, "name", name, "rank", "DEPUTY_DIVISION_OR_ABOVE",
                        "role", role, "email", id.toLowerCase() + "@example.gov.cn", "active", true));
    }

    /** A unit with its top-level organisation {unit}-ORG, its secretary {unit}-S and its principal leader {unit}-L. */
    void unitWithSecretaryAndLeader(String unit, String name) {
        unit(unit, name);
        organization(unit + "-ORG", unit);
        member(unit + "-S", unit, unit + "-ORG", unit + " 书记", "SECRETARY");
        member(unit + "-L", unit, unit + "-ORG", unit + " 主要负责人", "PRINCIPAL_LEADER");
    }

    /**
     * A member event as assessment-service publishes it since issue 12.3/13.14: the member's state from
     * {@code effectiveFrom} on, with the member's revision; keyed by the member's (new) unit.
     */
    CloudEvent member(String type, String id, String unit, String role, boolean active, int revision, String effectiveFrom) {
        return send(Topics.ORGANISATION, "/assessment-service", type, unit,
                map("memberId", id, "unitCode", unit, "organizationId", null, "name", id + " 同志", "rank", "SECTION_OR_BELOW",
                        "role", role, "email", id.toLowerCase() + "@example.gov.cn", "active", active, "revision", revision,
                        "effectiveFrom", effectiveFrom));
    }

    CloudEvent system(Map<String, Object> system) {
        return send(Topics.ASSESSMENT, "/assessment-service", EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT, system);
    }

    CloudEvent score(String unit, String indicator, String period, double score, int revision) {
        return send(Topics.ASSESSMENT, "/assessment-service", revision == 1 ? EventTypes.ASSESSMENT_RECORDED : EventTypes.ASSESSMENT_CORRECTED, unit,
                map("assessmentId", unit + "-" + indicator + "-" + period, "revision", revision, "unitCode", unit, "indicatorCode", indicator,
                        "period", period, "score", score, "assessor", "考核组", "systemYear", 2026, "systemVersion", 1));
    }

    CloudEvent finding(String id, String unit, String period, double points) {
        return send(Topics.ASSESSMENT, "/assessment-service", EventTypes.FINDING_RAISED, unit,
                map("findingId", id, "unitCode", unit, "period", period, "deductionPoints", points, "source", "督查", "description", "三会一课记录不全"));
    }

    CloudEvent bonus(String id, String unit, String period, double points) {
        return send(Topics.ASSESSMENT, "/assessment-service", EventTypes.BONUS_GRANTED, unit,
                map("bonusId", id, "unitCode", unit, "period", period, "points", points, "reason", "市级表彰"));
    }

    CloudEvent study(String source, String member, String unit, String type, String date) {
        return send(Topics.STUDY, source, EventTypes.STUDY_COMPLETED, unit,
                map("memberId", member, "unitCode", unit, "activityType", type, "date", date, "minutes", 60));
    }

    CloudEvent exam(String member, String unit, String examId, String date, double score) {
        return send(Topics.STUDY, "/exam-system", EventTypes.EXAM_GRADED, unit,
                map("memberId", member, "unitCode", unit, "examId", examId, "date", date, "score", score, "passScore", 60, "passed", score >= 60));
    }

    CloudEvent points(String member, String unit, String date, int points) {
        return send(Topics.STUDY, "/learning-platform", EventTypes.PLATFORM_POINTS_RECORDED, unit,
                map("memberId", member, "unitCode", unit, "date", date, "points", points));
    }

    /** assessment-service locked the month (frozen months: publishable from then on). */
    CloudEvent periodLocked(String period) {
        return send(Topics.ASSESSMENT, "/assessment-service", EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT,
                map("period", period, "reason", null, "by", "工委办公室"));
    }

    /** The committee reopened the month with a reason. */
    CloudEvent periodReopened(String period, String reason) {
        return send(Topics.ASSESSMENT, "/assessment-service", EventTypes.PERIOD_REOPENED, Topics.COMMITTEE_SUBJECT,
                map("period", period, "reason", reason, "by", "工委办公室"));
    }

    /**
     * A year's indicator system of one dimension: P1 政治理论学习 (manual, 50 points) and P2 {@code studyIndicator}, the
     * completion rate (50 points) of the study plan's one item, {@code activityType} every {@code frequency}.
     */
    static Map<String, Object> oneStudyItemSystem(int year, String studyIndicator, String activityType, String frequency) {
        return map("year", year, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 50, "kind", "MANUAL"),
                                map("code", "P2", "name", studyIndicator, "maxPoints", 50, "kind", "STUDY_RATE",
                                        "activityTypes", List.of(activityType))))),
                "studyPlan", List.of(map("activityType", activityType, "frequency", frequency, "attendees", "ALL_MEMBERS")));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        assessment.close();
        learningPlatform.close();
    }
}
