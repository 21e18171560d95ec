package cn.partybuilding.reporting.facts;

import cn.partybuilding.contracts.Canonical;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.DataReader;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.reporting.facts.EventViews.AssessmentView;
import cn.partybuilding.reporting.facts.EventViews.BonusView;
import cn.partybuilding.reporting.facts.EventViews.ExamView;
import cn.partybuilding.reporting.facts.EventViews.FindingView;
import cn.partybuilding.reporting.facts.EventViews.MemberView;
import cn.partybuilding.reporting.facts.EventViews.OrganizationView;
import cn.partybuilding.reporting.facts.EventViews.PeriodView;
import cn.partybuilding.reporting.facts.EventViews.PointsView;
import cn.partybuilding.reporting.facts.EventViews.RectificationView;
import cn.partybuilding.reporting.facts.EventViews.ResponsibilityView;
import cn.partybuilding.reporting.facts.EventViews.StudyView;
import cn.partybuilding.reporting.facts.EventViews.UnitView;
import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable events of one poll, parsed and validated, grouped by kind (in arrival order): what {@link FactWriter}
 * writes. The consumer side (ingest) fills it with {@link #add}; the lists stay inside this package.
 */
public final class ParsedBatch {
    /**
     * One event's facts with where it came from: the CloudEvent {@code source} (the sending system) and {@code time} (when
     * it was recorded there), kept beside the event id for the scorecard's drill-down.
     */
    record Item<T>(String eventId, String source, java.time.OffsetDateTime time, T view, java.time.Instant receivedAt) {
        Item(String eventId, String source, java.time.OffsetDateTime time, T view) {
            this(eventId, source, time, view, null);
        }
    }

    record SystemItem(String eventId, int year, int version, String body) {
    }

    /** A lock or reopen of a month, with the event's time (when assessment-service took it). */
    record PeriodItem(String eventId, PeriodView view, boolean locked, java.time.OffsetDateTime time) {
    }

    /**
     * The CloudEvents source of assessment-service: its study records are never late (it refuses them while their month is
     * locked), so they get no receipt time; every other system's study record keeps the time the broker got it.
     */
    private final String assessmentSource;

    public ParsedBatch(String assessmentSource) {
        this.assessmentSource = assessmentSource;
    }

    /** A batch that records no receipt times (every record counts as sent by assessment-service). */
    public ParsedBatch() {
        this(null);
    }

    final List<Item<UnitView>> units = new ArrayList<>();
    final List<Item<OrganizationView>> organizations = new ArrayList<>();
    final List<Item<MemberView>> members = new ArrayList<>();
    final List<SystemItem> systems = new ArrayList<>();
    final List<Item<AssessmentView>> assessments = new ArrayList<>();
    final List<Item<FindingView>> findings = new ArrayList<>();
    final List<Item<BonusView>> bonuses = new ArrayList<>();
    final List<Item<RectificationView>> rectifications = new ArrayList<>();
    final List<Item<ResponsibilityView>> responsibilities = new ArrayList<>();
    final List<PeriodItem> periods = new ArrayList<>();
    final List<Item<StudyView>> study = new ArrayList<>();
    final List<Item<ExamView>> exams = new ArrayList<>();
    final List<Item<PointsView>> points = new ArrayList<>();
    /**
     * Issue 16.1: completions a meeting's revision withdrew, each with how many completions of this batch came before it
     * ({@code after}), so that a completion, its withdrawal and a new completion of the same key in one poll end as the
     * last of them says.
     */
    final List<Withdrawal> withdrawals = new ArrayList<>();

    /** A {@code study.withdrawn}: the completion (member, type, day) no longer counts; {@code after} completions preceded it in the batch. */
    record Withdrawal(StudyView view, int after) {
    }

    /** The (member, exam) pairs of the batch's exam results graded as failed, in arrival order, each once. */
    public java.util.List<String[]> failedExams() {
        java.util.Map<String, String[]> failed = new java.util.LinkedHashMap<>();
        for (Item<ExamView> i : exams) {
            if (Boolean.FALSE.equals(i.view().passed())) {
                failed.putIfAbsent(i.view().memberId() + "|" + i.view().examId(), new String[]{i.view().memberId(), i.view().examId()});
            }
        }
        return new ArrayList<>(failed.values());
    }

    /** Parses and validates one event; throws {@link InvalidEventException} (the dead-letter reason) when it cannot be applied. */
    public void add(String topic, CloudEvent event) {
        add(topic, event, null);
    }

    /**
     * As {@link #add(String, CloudEvent)}; {@code brokerTime} is when the broker got the record (its Kafka timestamp),
     * kept as the receipt time of another system's study record (frozen months: a record received while its month is
     * locked is late).
     */
    public void add(String topic, CloudEvent event, java.time.Instant brokerTime) {
        add(topic, event, null, brokerTime);
    }

    /**
     * As {@link #add(String, CloudEvent, java.time.Instant)}; {@code read}: the event's data as
     * {@link #STUDY_COMPLETION_READER} read it while the poll was parsed (null: the event carries its data).
     */
    public void add(String topic, CloudEvent event, Object read, java.time.Instant brokerTime) {
        String id = event.id();
        String type = event.type();
        java.time.Instant received = assessmentSource == null || assessmentSource.equals(event.source()) ? null : brokerTime;
        if (EventTypes.STUDY_COMPLETED.equals(type) && Topics.STUDY.equals(topic)) {
            StudyView completion = read instanceof StudyView v ? v : studyCompletion(event.data());
            study.add(new Item<>(id, event.source(), event.time(), completion, received));
            return;
        }
        switch (topic) {
            case Topics.STUDY -> addStudy(id, type, event, received);
            case Topics.ASSESSMENT -> addAssessment(id, type, event);
            case Topics.ORGANISATION -> addOrganisation(id, type, event);
            default -> throw new InvalidEventException("topic " + topic + " is not consumed by reporting-service");
        }
    }

    private void addStudy(String id, String type, CloudEvent event, java.time.Instant received) {
        switch (type) {
            case EventTypes.EXAM_GRADED -> {
                ExamView v = CloudEventCodec.data(event, ExamView.class);
                v.validate();
                exams.add(new Item<>(id, event.source(), event.time(), v, received));
            }
            case EventTypes.PLATFORM_POINTS_RECORDED -> {
                PointsView v = CloudEventCodec.data(event, PointsView.class);
                v.validate();
                points.add(new Item<>(id, event.source(), event.time(), v, received));
            }
            case EventTypes.STUDY_WITHDRAWN -> withdrawals.add(new Withdrawal(studyCompletion(event.data()), study.size()));
            // a meeting's attendance arrives as study.completed / study.withdrawn of their own; the meeting itself changes no figure
            case EventTypes.MEETING_RECORDED, EventTypes.MEETING_REVISED -> {
            }
            default -> throw unknown(type, Topics.STUDY);
        }
    }

    private void addAssessment(String id, String type, CloudEvent event) {
        switch (type) {
            case EventTypes.INDICATOR_SYSTEM_PUBLISHED -> {
                IndicatorSystem system = CloudEventCodec.data(event, IndicatorSystem.class);
                var data = event.data();
                for (String field : List.of("year", "version", "dimensions", "studyPlan")) {
                    if (!data.hasNonNull(field)) {
                        throw new InvalidEventException("missing required field '" + field + "'");
                    }
                }
                // a version starting outside its year, or at an unreadable month, could never be chosen sensibly
                if (system.effectiveFrom() != null && !(system.effectiveFrom().matches("[0-9]{4}-(0[1-9]|1[0-2])")
                        && system.effectiveFrom().startsWith(system.year() + "-"))) {
                    throw new InvalidEventException("effectiveFrom '" + system.effectiveFrom() + "' is not a month (YYYY-MM) of " + system.year());
                }
                for (IndicatorSystem.Dimension d : system.dimensions()) {
                    for (IndicatorSystem.Indicator i : d.indicators()) {
                        if (i.code() == null || i.kind() == null) {
                            throw new InvalidEventException("indicator of dimension " + d.code() + " lacks code or kind");
                        }
                    }
                }
                systems.add(new SystemItem(id, system.year(), system.version(), data.toString()));
            }
            case EventTypes.ASSESSMENT_RECORDED, EventTypes.ASSESSMENT_CORRECTED -> {
                AssessmentView v = CloudEventCodec.data(event, AssessmentView.class);
                v.validate();
                assessments.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.FINDING_RAISED -> {
                FindingView v = CloudEventCodec.data(event, FindingView.class);
                v.validate();
                findings.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.BONUS_GRANTED -> {
                BonusView v = CloudEventCodec.data(event, BonusView.class);
                v.validate();
                bonuses.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.RECTIFICATION_CLOSED, EventTypes.RECTIFICATION_OVERDUE, EventTypes.RECTIFICATION_SUBMITTED,
                 EventTypes.RECTIFICATION_RETURNED, EventTypes.RECTIFICATION_DUE_SOON -> {
                RectificationView v = CloudEventCodec.data(event, RectificationView.class);
                v.validate();
                rectifications.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.RESPONSIBILITY_ITEM_ADDED, EventTypes.RESPONSIBILITY_ITEM_CHANGED, EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF -> {
                ResponsibilityView v = CloudEventCodec.data(event, ResponsibilityView.class);
                v.validate();
                responsibilities.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.PERIOD_LOCKED, EventTypes.PERIOD_REOPENED -> {
                PeriodView v = CloudEventCodec.data(event, PeriodView.class);
                v.validate();
                periods.add(new PeriodItem(id, v, EventTypes.PERIOD_LOCKED.equals(type), event.time()));
            }
            default -> throw unknown(type, Topics.ASSESSMENT);
        }
    }

    private void addOrganisation(String id, String type, CloudEvent event) {
        switch (type) {
            case EventTypes.UNIT_REGISTERED -> {
                UnitView v = CloudEventCodec.data(event, UnitView.class);
                v.validate();
                units.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.ORGANIZATION_REGISTERED -> {
                OrganizationView v = CloudEventCodec.data(event, OrganizationView.class);
                v.validate();
                organizations.add(new Item<>(id, event.source(), event.time(), v));
            }
            case EventTypes.MEMBER_REGISTERED, EventTypes.MEMBER_UPDATED -> {
                MemberView v = CloudEventCodec.data(event, MemberView.class);
                v.validate();
                members.add(new Item<>(id, event.source(), event.time(), v));
            }
            default -> throw unknown(type, Topics.ORGANISATION);
        }
    }

    /**
     * The hot path (hundreds of thousands per second) when a completion's data came as a tree (a replay, a record whose
     * {@code data} came before its {@code type}): reads the fields straight from the tree instead of binding a view
     * object; same rules and reasons as the views and as {@link #STUDY_COMPLETION_READER}.
     */
    static StudyView studyCompletion(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("study.completed has no data object");
        }
        return studyCompletion(text(data, "memberId"), text(data, "unitCode"), text(data, "activityType"), text(data, "date"),
                text(data, "meetingId"));
    }

    /**
     * Issue 18.5: a live study completion's data read from the record straight into its {@link StudyView} while the poll
     * is parsed (the consumer's parsing threads), so that a poll keeps no tree per completion until it commits.
     */
    public static final DataReader STUDY_COMPLETION_READER = new DataReader() {
        @Override
        public boolean reads(String type) {
            return EventTypes.STUDY_COMPLETED.equals(type);
        }

        @Override
        public Object read(JsonParser parser, JsonToken token) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw new InvalidEventException("study.completed has no data object");
            }
            String memberId = null;
            String unitCode = null;
            String activityType = null;
            String date = null;
            String meetingId = null;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "memberId" -> memberId = CloudEventCodec.text(parser, value);
                    case "unitCode" -> unitCode = Canonical.of(CloudEventCodec.text(parser, value));
                    case "activityType" -> activityType = CloudEventCodec.text(parser, value);
                    case "date" -> date = CloudEventCodec.text(parser, value);
                    case "meetingId" -> meetingId = CloudEventCodec.text(parser, value);
                    default -> parser.skipChildren();
                }
            }
            return studyCompletion(memberId, unitCode, activityType, date, meetingId);
        }
    };

    private static StudyView studyCompletion(String memberId, String unitCode, String type, String date, String meetingId) {
        EventViews.require(memberId, "memberId");
        EventViews.require(unitCode, "unitCode");
        EventViews.require(type, "activityType");
        EventViews.require(date, "date");
        ActivityType activityType;
        try {
            activityType = ActivityType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("activityType '" + type + "' is not one of " + java.util.Arrays.toString(ActivityType.values()));
        }
        LocalDate day;
        try {
            day = cn.partybuilding.contracts.Rfc3339.date(date);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("date must be YYYY-MM-DD, was '" + date + "'");
        }
        return new StudyView(memberId, unitCode, activityType, day, meetingId == null || meetingId.isBlank() ? null : meetingId);
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static InvalidEventException unknown(String type, String topic) {
        return new InvalidEventException("unknown event type '" + type + "' on topic " + topic);
    }

    /** How many events the batch holds. */
    public int size() {
        return units.size() + organizations.size() + members.size() + systems.size() + assessments.size() + findings.size()
                + bonuses.size() + rectifications.size() + periods.size() + study.size() + exams.size() + points.size() + withdrawals.size()
                + responsibilities.size();
    }
}
