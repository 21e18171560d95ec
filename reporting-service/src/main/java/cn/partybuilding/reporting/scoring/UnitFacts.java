package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything the month's score of one unit is computed from, with the ids of the events behind it. */
public final class UnitFacts {
    public record Manual(double score, String eventId) {
    }

    public record Adjustment(String id, double points, String source, String eventId) {
    }

    /**
     * A 责任清单 item of the month's year due by the month's end (issue 16.3): when it was due, when it was done (null: not
     * done, or reopened), and the event of its current state.
     */
    public record Duty(String itemId, java.time.LocalDate dueDate, java.time.LocalDate doneOn, String eventId) {
        /** Whether it was done on or before {@code day}. */
        public boolean doneBy(java.time.LocalDate day) {
            return doneOn != null && !doneOn.isAfter(day);
        }
    }

    private final List<Duty> duties = new ArrayList<>();
    private final String unitCode;
    private String unitName;
    private final List<MemberFacts> members = new ArrayList<>();
    private final Map<String, Manual> manual = new HashMap<>();
    private final List<Adjustment> findings = new ArrayList<>();
    private final List<Adjustment> bonuses = new ArrayList<>();
    private int examined;
    private int passed;
    private long points;
    private final Map<ActivityType, List<String>> studyEventIds = new java.util.EnumMap<>(ActivityType.class);
    private final List<String> examEventIds = new ArrayList<>();
    private final List<String> pointsEventIds = new ArrayList<>();

    public UnitFacts(String unitCode, String unitName) {
        this.unitCode = unitCode;
        this.unitName = unitName;
    }

    public UnitFacts name(String name) {
        if (name != null) {
            this.unitName = name;
        }
        return this;
    }

    public UnitFacts member(MemberFacts member) {
        members.add(member);
        return this;
    }

    public UnitFacts manual(String indicatorCode, double score, String eventId) {
        manual.put(indicatorCode, new Manual(score, eventId));
        return this;
    }

    public UnitFacts finding(Adjustment finding) {
        findings.add(finding);
        return this;
    }

    public UnitFacts bonus(Adjustment bonus) {
        bonuses.add(bonus);
        return this;
    }

    public UnitFacts exams(int examined, int passed) {
        this.examined += examined;
        this.passed += passed;
        return this;
    }

    public UnitFacts points(long points) {
        this.points += points;
        return this;
    }

    public UnitFacts duty(Duty duty) {
        duties.add(duty);
        return this;
    }

    /** The unit's 责任清单 items of the month's year due by the month's end (read only when the system scores them). */
    public List<Duty> duties() {
        return duties;
    }

    public String unitCode() {
        return unitCode;
    }

    public String unitName() {
        return unitName;
    }

    public List<MemberFacts> members() {
        return members;
    }

    public Map<String, Manual> manual() {
        return manual;
    }

    public List<Adjustment> findings() {
        return findings;
    }

    public List<Adjustment> bonuses() {
        return bonuses;
    }

    public int examined() {
        return examined;
    }

    public int passed() {
        return passed;
    }

    public long points() {
        return points;
    }

    /** Event ids for the drill-down (filled only when a scorecard asks for them). */
    public UnitFacts studyEvent(ActivityType type, String eventId) {
        studyEventIds.computeIfAbsent(type, t -> new ArrayList<>()).add(eventId);
        return this;
    }

    /** Ids of the completion events of the given types (all types when empty). */
    public List<String> studyEventIds(List<ActivityType> types) {
        List<String> ids = new ArrayList<>();
        studyEventIds.forEach((type, list) -> {
            if (types.isEmpty() || types.contains(type)) {
                ids.addAll(list);
            }
        });
        return ids;
    }

    public List<String> examEventIds() {
        return examEventIds;
    }

    public List<String> pointsEventIds() {
        return pointsEventIds;
    }

    /**
     * The same facts without event ids, to attach a drill-down's ids to (the bulk scorecard pass): the facts a live ranking
     * keeps are shared by its readers and never change, so the ids go to this copy. Members and records are shared, not
     * copied.
     */
    public UnitFacts withoutEvidence() {
        UnitFacts copy = new UnitFacts(unitCode, unitName);
        copy.duties.addAll(duties);
        copy.members.addAll(members);
        copy.manual.putAll(manual);
        copy.findings.addAll(findings);
        copy.bonuses.addAll(bonuses);
        copy.examined = examined;
        copy.passed = passed;
        copy.points = points;
        return copy;
    }

    /** A unit counts as submitted for the month when at least one score was recorded for it. */
    public boolean submitted() {
        return !manual.isEmpty();
    }
}
