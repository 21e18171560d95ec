package cn.partybuilding.reporting.support;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small county of one year for tests that apply events through the ingest's rules (not the topics): units with a
 * secretary and a principal leader each, an indicator system of two MANUAL indicators (P1 60 %, I1 40 %) and a weekly
 * study, scores per month. {@link #events()} is the batch to hand to {@code consumers.idempotent(name, applier)}.
 */
public final class County {
    private static int offset;
    private final int year;
    private final List<IncomingEvent> events = new ArrayList<>();

    public County(int year) {
        this.year = year;
        add(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT, map("year", year, "version", 1,
                "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        map("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                                map("code", "P1", "name", "政治理论学习", "maxPoints", 100, "kind", "MANUAL"))),
                        map("code", "IDEOLOGICAL", "name", "思想建设", "weight", 40, "indicators", List.of(
                                map("code", "I1", "name", "意识形态工作", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of(map("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS"))));
    }

    /** A unit with its top-level organisation {@code <code>-ORG}, secretary {@code <code>-S} and principal leader {@code <code>-L}. */
    public County unit(String code, String name) {
        add(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, code, map("unitCode", code, "name", name, "category", "党政机关"));
        add(Topics.ORGANISATION, EventTypes.ORGANIZATION_REGISTERED, code, map("organizationId", code + "-ORG", "unitCode", code,
                "parentId", null, "kind", "ORGANS_COMMITTEE", "name", name + "机关党委"));
        for (String[] m : new String[][]{{"S", "SECRETARY"}, {"L", "PRINCIPAL_LEADER"}}) {
            add(Topics.ORGANISATION, EventTypes.MEMBER_REGISTERED, code, map("memberId", code + "-" + m[0], "unitCode", code,
                    "organizationId", code + "-ORG", "name", name + m[1], "rank", "DEPUTY_DIVISION_OR_ABOVE", "role", m[1],
                    "email", code.toLowerCase() + "-" + m[0].toLowerCase() + "@example.gov.cn", "active", true));
        }
        return this;
    }

    /** The month's P1 and I1 scores of a unit (both the same), revision {@code revision}. */
    public County score(String unit, String month, double score, int revision) {
        for (String indicator : List.of("P1", "I1")) {
            add(Topics.ASSESSMENT, revision == 1 ? EventTypes.ASSESSMENT_RECORDED : EventTypes.ASSESSMENT_CORRECTED, unit,
                    map("assessmentId", unit + "-" + indicator + "-" + month, "revision", revision, "unitCode", unit,
                            "indicatorCode", indicator, "period", month, "score", score, "assessor", "考核组",
                            "systemYear", year, "systemVersion", 1));
        }
        return this;
    }

    /** A weekly study of the unit's secretary on {@code date}. */
    public County study(String unit, String date) {
        add(Topics.STUDY, EventTypes.STUDY_COMPLETED, unit, map("memberId", unit + "-S", "unitCode", unit, "activityType", "WEEKLY_STUDY",
                "date", date, "minutes", 60));
        return this;
    }

    /** assessment-service locked the month (frozen months: a month is published only while locked). */
    public County locked(String month) {
        add(Topics.ASSESSMENT, EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT, map("period", month, "reason", null, "by", "工委办公室"));
        return this;
    }

    /** The committee reopened the month with a reason (a republication needs a reopen, then a new lock). */
    public County reopened(String month, String reason) {
        add(Topics.ASSESSMENT, EventTypes.PERIOD_REOPENED, Topics.COMMITTEE_SUBJECT, map("period", month, "reason", reason, "by", "工委办公室"));
        return this;
    }

    /** A finding of the unit with its rectification item {@code itemId} (assessment-service's finding.raised). */
    public County finding(String unit, String itemId, String month, String description, String source, String deadline) {
        add(Topics.ASSESSMENT, EventTypes.FINDING_RAISED, unit, map("findingId", "F-" + itemId, "unitCode", unit, "period", month,
                "deductionPoints", 1, "source", source, "description", description, "rectificationItemId", itemId, "deadline", deadline));
        return this;
    }

    /** A rectification event of {@code type} (due-soon, overdue, submitted, returned, closed) about the item, in {@code status}. */
    public County rectification(String type, String unit, String itemId, String status, String deadline, String description,
                                String source) {
        Map<String, Object> data = map("itemId", itemId, "findingId", "F-" + itemId, "unitCode", unit, "description", description,
                "deadline", deadline, "status", status, "closedOn", null, "evidence", null, "source", source);
        if (EventTypes.RECTIFICATION_DUE_SOON.equals(type)) {
            data.put("remindWorkingDays", 3);
        }
        add(Topics.ASSESSMENT, type, unit, data);
        return this;
    }

    /** The event added last, carrying the trace context {@code traceparent} (of the request that caused it upstream). */
    public County traced(String traceparent) {
        IncomingEvent last = events.remove(events.size() - 1);
        CloudEvent event = last.event().withTraceparent(traceparent);
        events.add(new IncomingEvent(event, new ConsumerRecord<>(last.record().topic(), last.record().partition(), last.record().offset(),
                last.record().key(), CloudEventCodec.write(event))));
        return this;
    }

    /** The events added since the last call, then forgets them (the next batch starts empty). */
    public List<IncomingEvent> events() {
        List<IncomingEvent> batch = List.copyOf(events);
        events.clear();
        return batch;
    }

    private void add(String topic, String type, String subject, Map<String, Object> data) {
        CloudEvent event = CloudEvent.of("/assessment-service", type, subject, CloudEventCodec.toTree(data));
        events.add(new IncomingEvent(event, new ConsumerRecord<>(topic, 0, offset++, subject, CloudEventCodec.write(event))));
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
