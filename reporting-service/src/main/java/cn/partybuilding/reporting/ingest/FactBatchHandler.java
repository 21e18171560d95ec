package cn.partybuilding.reporting.ingest;

import cn.partybuilding.contracts.DataReader;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventApplier;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.reporting.facts.FactWriter;
import cn.partybuilding.reporting.followup.ExamFollowUp;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.facts.ParsedBatch;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.rectification.RectificationNotices;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of the consumer {@code ingest} (organisation, assessment and study topics): parse and validate each event into
 * a {@link ParsedBatch} (an invalid one becomes a rejection, dead-lettered with the reason), then write every kind of fact
 * set-based ({@link FactWriter}). The platform ({@code eventing.consume}) runs it: one transaction per poll, events seen
 * before dropped by id, the ids recorded, the per-event fallback when the database refuses a value.
 */
@ApplicationScoped
public class FactBatchHandler implements EventApplier {
    /** The consumer's name: its settings are {@code eventing.consumers.ingest.*}, its counters carry {@code consumer="ingest"}. */
    public static final String CONSUMER = "ingest";
    public static final List<String> TOPICS = List.of(Topics.ORGANISATION, Topics.ASSESSMENT, Topics.STUDY);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    @Inject
    ReportingConfig config;

    @Inject
    ExamFollowUp examFollowUp;

    void register(@Observes StartupEvent event, EventConsumers consumers) {
        consumers.register(CONSUMER, TOPICS, this);
    }

    @Inject
    RectificationNotices rectificationNotices;

    /**
     * The live consumer also turns the 整改提醒 (rectification.due-soon) and 逾期通报 (rectification.overdue) into notice
     * requests, in the same transaction as the facts (a replay, {@link #writingTo}, rebuilds facts and requests nothing).
     */
    @Override
    public List<Rejection> apply(List<IncomingEvent> events) throws Exception {
        List<Rejection> rejections = apply(events, dataSource, config.assessmentSource(), examFollowUp);
        rectificationNotices.request(events, rejections);
        return rejections;
    }

    /**
     * The same rules writing through {@code target} (a replay's connections that see the tables it rebuilds): the same
     * parsing, rejections and natural-key deduplication, but nothing to invalidate after a commit, since the live facts
     * did not change.
     */
    public EventApplier writingTo(DataSource target) {
        FactBatchHandler rules = this;
        String assessmentSource = config.assessmentSource();
        return new EventApplier() {
            @Override
            public List<Rejection> apply(List<IncomingEvent> events) throws Exception {
                // a replay rebuilds facts only: the follow-up of a failed exam was requested when it first arrived
                return FactBatchHandler.apply(events, target, assessmentSource, null);
            }

            @Override
            public boolean deduplicatesItself(IncomingEvent event) {
                return rules.deduplicatesItself(event);
            }
        };
    }

    private static List<Rejection> apply(List<IncomingEvent> events, DataSource target, String assessmentSource,
                                         ExamFollowUp followUp) throws Exception {
        ParsedBatch parsed = new ParsedBatch(assessmentSource);
        List<Rejection> rejections = new ArrayList<>();
        for (IncomingEvent incoming : events) {
            try {
                // the record's Kafka timestamp: when the broker got it, kept by the topic, so a replay reads the same time
                // (negative: a record without a timestamp, which no broker of this platform writes)
                long timestamp = incoming.record().timestamp();
                parsed.add(incoming.record().topic(), incoming.event(), incoming.data(), timestamp < 0 ? null : java.time.Instant.ofEpochMilli(timestamp));
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(incoming, e.getMessage()));
            }
        }
        try (Connection connection = target.getConnection()) {
            FactWriter.apply(connection, parsed);
            if (followUp != null) {
                // issue 16.6: a failed exam is followed up at once, in this transaction (with the fact and the consumed ids)
                followUp.failed(connection, parsed.failedExams());
            }
        }
        return rejections;
    }

    /** Issue 18.5: the study topic's completions are read into their rows' values while the poll is parsed. */
    @Override
    public DataReader dataReader(String topic) {
        return Topics.STUDY.equals(topic) ? ParsedBatch.STUDY_COMPLETION_READER : null;
    }

    /**
     * A study completion counts once per member, activity type and day, whatever its event id (a learning platform and
     * assessment-service may report the same one): its natural key in {@code study_completion} is its deduplication, so the
     * ingest's hot path (millions of completions) adds no id lookup or id row per event.
     */
    @Override
    public boolean deduplicatesItself(IncomingEvent event) {
        return EventTypes.STUDY_COMPLETED.equals(event.type()) && Topics.STUDY.equals(event.record().topic());
    }

    /** After the commit: a cached figure computed before it carries an older stamp and is not served again. */
    @Override
    public void committed(List<IncomingEvent> applied) {
        if (applied.isEmpty()) {
            return;
        }
        Set<String> touched = touchedUnits(applied);
        if (touched == null) {
            factsVersion.bump();
        } else {
            factsVersion.bump(touched);
        }
    }

    /**
     * The units whose facts these events can change, or null when they may change any unit's: roster and unit events, an
     * indicator system, a period lock, and study completions (counted by the member's CURRENT unit, which the event's
     * unitCode need not be). The other kinds carry the unit they concern in {@code unitCode}.
     */
    static Set<String> touchedUnits(List<IncomingEvent> applied) {
        Set<String> touched = new HashSet<>();
        for (IncomingEvent e : applied) {
            switch (e.type()) {
                case EventTypes.ASSESSMENT_RECORDED, EventTypes.ASSESSMENT_CORRECTED, EventTypes.FINDING_RAISED, EventTypes.BONUS_GRANTED,
                     EventTypes.RECTIFICATION_CLOSED, EventTypes.RECTIFICATION_OVERDUE, EventTypes.RECTIFICATION_SUBMITTED,
                     EventTypes.RECTIFICATION_RETURNED, EventTypes.RECTIFICATION_DUE_SOON, EventTypes.EXAM_GRADED,
                     EventTypes.PLATFORM_POINTS_RECORDED, EventTypes.RESPONSIBILITY_ITEM_ADDED, EventTypes.RESPONSIBILITY_ITEM_CHANGED,
                     EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF -> {
                    JsonNode unit = e.event().data() == null ? null : e.event().data().get("unitCode");
                    if (unit == null || unit.isNull()) {
                        return null;
                    }
                    touched.add(unit.asText());
                }
                default -> {
                    return null;
                }
            }
        }
        return touched;
    }
}
