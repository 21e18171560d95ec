package cn.partybuilding.reporting.facts;

import cn.partybuilding.reporting.facts.EventViews.AssessmentView;
import cn.partybuilding.reporting.facts.EventViews.ExamView;
import cn.partybuilding.reporting.facts.EventViews.MemberView;
import cn.partybuilding.reporting.facts.EventViews.PointsView;
import cn.partybuilding.reporting.facts.EventViews.StudyView;
import cn.partybuilding.reporting.facts.ParsedBatch.Item;
import cn.partybuilding.reporting.scoring.Membership;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.facts.Sql.col;

/**
 * Writes a parsed batch with set-based JDBC inside the caller's transaction. No per-event statement round trip:
 * each kind of fact is one JDBC batch or one array statement; study completions are one array INSERT of the new
 * natural keys (the scoring counts them per member, month and type with a range scan of that key).
 */
public final class FactWriter {
    private static final String V = "varchar(200)";
    /** Event ids: CloudEvents sets no limit on their length (a learning platform's URN can be hundreds of characters). */
    private static final String ID = "text";
    private static final String NUM = "numeric(10,2)";
    /** Where the facts behind a scorecard's numbers came from (V7): the CloudEvent's source and time. */
    private static final Sql.Col ORIGIN_SOURCE = col("event_source", ID);
    private static final Sql.Col ORIGIN_TIME = col("event_time", "timestamptz");

    private static final String UNIT = Sql.merge("unit", List.of(col("unit_code", V)),
            List.of(col("name", V), col("category", V), col("event_id", ID)), null);
    private static final String ORGANIZATION = Sql.merge("party_organization", List.of(col("organization_id", V)),
            List.of(col("unit_code", V), col("parent_id", V), col("kind", V), col("name", V), col("event_id", ID)), null);
    // Members and scores arrive by the ten thousand (a roster import, a month's scores): one UNNEST MERGE per batch
    // instead of a JDBC batch of single-row MERGEs.
    private static final List<Sql.Col> MEMBER_KEYS = List.of(col("member_id", V));
    private static final List<Sql.Col> MEMBER_OTHERS = List.of(col("unit_code", V), col("organization_id", V), col("name", V),
            col("rank", V), col("role", V), col("email", V), col("active", "boolean"), col("event_id", ID), col("revision", "integer"),
            col("effective_from", "date"));
    /** The current state: the highest revision wins (an equal one: the later event, as before revisions existed). */
    private static final String MEMBER = Sql.mergeUnnest("member", MEMBER_KEYS, MEMBER_OTHERS, "t.revision <= s.revision");
    private static final List<Sql.Col> VERSION_KEYS = List.of(col("member_id", V), col("revision", "integer"));
    private static final List<Sql.Col> VERSION_OTHERS = List.of(col("effective_from", "date"), col("unit_code", V), col("organization_id", V),
            col("name", V), col("rank", V), col("role", V), col("email", V), col("active", "boolean"), col("event_id", ID));
    private static final String VERSION = Sql.mergeUnnest("member_version", VERSION_KEYS, VERSION_OTHERS);
    private static final List<Sql.Col> PERIOD_COLUMNS = List.of(col("member_id", V), col("revision", "integer"), col("unit_code", V),
            col("organization_id", V), col("name", V), col("rank", V), col("role", V), col("email", V), col("valid_from", "date"),
            col("valid_to", "date"));
    private static final String PERIOD_INSERT = Sql.insertUnnest("member_period", PERIOD_COLUMNS);
    private static final String SYSTEM = Sql.merge("indicator_system", List.of(col("for_year", "integer"), col("version", "integer")),
            List.of(col("body", "text"), col("event_id", ID)), null);
    private static final List<Sql.Col> ASSESSMENT_KEYS = List.of(col("unit_code", V), col("indicator_code", V), col("period", "varchar(7)"));
    private static final List<Sql.Col> ASSESSMENT_OTHERS = List.of(col("assessment_id", V), col("revision", "integer"), col("score", NUM),
            col("assessor", V), col("event_id", ID), ORIGIN_SOURCE, ORIGIN_TIME);
    private static final String ASSESSMENT = Sql.mergeUnnest("assessment", ASSESSMENT_KEYS, ASSESSMENT_OTHERS, "t.revision < s.revision");
    private static final String FINDING = Sql.merge("finding", List.of(col("finding_id", V)),
            List.of(col("unit_code", V), col("period", "varchar(7)"), col("deduction_points", NUM), col("source", V),
                    col("description", "varchar(2000)"), col("event_id", ID), ORIGIN_SOURCE, ORIGIN_TIME), null);
    private static final String BONUS = Sql.merge("bonus", List.of(col("bonus_id", V)),
            List.of(col("unit_code", V), col("period", "varchar(7)"), col("points", NUM), col("reason", "varchar(2000)"),
                    col("event_id", ID), ORIGIN_SOURCE, ORIGIN_TIME), null);
    private static final String RECTIFICATION = Sql.merge("rectification", List.of(col("item_id", V)),
            List.of(col("finding_id", V), col("unit_code", V), col("status", V), col("deadline", "date"), col("closed_on", "date"),
                    col("event_id", ID)), null);
    /** 责任清单 items (V16): the highest revision of an item is its state (a redelivered or late lower one changes nothing). */
    private static final String RESPONSIBILITY = Sql.merge("responsibility_item", List.of(col("item_id", V)),
            List.of(col("unit_code", V), col("list_year", "integer"), col("level", V), col("organization_id", V), col("duty_kind", V),
                    col("responsible_member_id", V), col("content", "varchar(2000)"), col("due_date", "date"), col("status", V),
                    col("done_on", "date"), col("evidence", "varchar(2000)"), col("checked_by", V), col("revision", "integer"),
                    col("event_id", ID), ORIGIN_SOURCE, ORIGIN_TIME), "t.revision < s.revision");
    private static final String PERIOD = Sql.merge("period_state", List.of(col("period", "varchar(7)")),
            List.of(col("locked", "boolean"), col("reason", "varchar(2000)"), col("event_id", ID), col("locked_at", "timestamptz")), null);
    /** Every lock and reopen in topic order (V9); a redelivered one is already there. */
    private static final String PERIOD_CHANGE = "insert into period_change (period, locked, reason, changed_by, changed_at, event_id) "
            + "values (?, ?, ?, ?, cast(? as timestamptz), ?) on conflict (event_id) do nothing";
    /** When the broker got another system's study record (V9): null for assessment-service's own. */
    private static final Sql.Col RECEIVED = col("received_at", "timestamptz");
    private static final List<Sql.Col> EXAM_KEYS = List.of(col("member_id", V), col("exam_id", V));
    private static final List<Sql.Col> EXAM_OTHERS = List.of(col("unit_code", V), col("on_day", "date"), col("score", "numeric"),
            col("passed", "boolean"), col("event_id", ID), ORIGIN_SOURCE, ORIGIN_TIME, RECEIVED);
    private static final String EXAM = Sql.mergeUnnest("exam_result", EXAM_KEYS, EXAM_OTHERS);
    private static final List<Sql.Col> POINTS_KEYS = List.of(col("member_id", V), col("on_day", "date"));
    private static final List<Sql.Col> POINTS_OTHERS = List.of(col("unit_code", V), col("points", "integer"), col("event_id", ID), ORIGIN_SOURCE,
            ORIGIN_TIME, RECEIVED);
    private static final String POINTS = Sql.mergeUnnest("platform_points", POINTS_KEYS, POINTS_OTHERS);

    private static final String COMPLETION_INSERT = "insert into study_completion (period, member_id, activity_type, on_day, unit_code, event_id, event_source, event_time, received_at, "
            + "meeting_id) select u.p, u.m, u.a, u.d, u.c, u.e, u.s, u.t, u.r, u.g from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "as u(p, m, a, d, c, e, s, t, r, g) on conflict do nothing";

    private FactWriter() {
    }

    /**
     * Writes the batch (events the platform found new, or study completions, which are deduplicated here by their natural
     * key); returns how many study completions were new.
     */
    public static int apply(Connection c, ParsedBatch batch) throws SQLException {
        writeRoster(c, batch);
        writeAssessmentFacts(c, batch);
        writeExams(c, batch.exams);
        writePoints(c, batch.points);
        return writeStudy(c, batch.study, batch.withdrawals);
    }

    private static void writeRoster(Connection c, ParsedBatch b) throws SQLException {
        Map<String, Object[]> units = new LinkedHashMap<>();
        b.units.forEach(i -> units.put(i.view().unitCode(), new Object[]{i.view().unitCode(), i.view().name(), i.view().category(), i.eventId()}));
        Sql.batch(c, UNIT, new ArrayList<>(units.values()));
        Map<String, Object[]> organizations = new LinkedHashMap<>();
        b.organizations.forEach(i -> organizations.put(i.view().organizationId(), new Object[]{i.view().organizationId(),
                i.view().unitCode(), i.view().parentId(), i.view().kind().name(), i.view().name(), i.eventId()}));
        Sql.batch(c, ORGANIZATION, new ArrayList<>(organizations.values()));
        writeMembers(c, b.members);
        Map<String, Object[]> systems = new LinkedHashMap<>();
        b.systems.forEach(s -> systems.put(s.year() + "/" + s.version(), new Object[]{s.year(), s.version(), s.body(), s.eventId()}));
        Sql.batch(c, SYSTEM, new ArrayList<>(systems.values()));
    }

    /**
     * Member events, order-independent (issue 13.14): every event is kept as a version of its member (member_version), the
     * current state is the highest revision (member), and the membership periods of the members concerned are derived
     * again from all their versions ({@link Membership#periods}). Two batches touching one member (two consumer loops,
     * a replay beside the live loop) take the member's lock in the same order first, so the second one derives its periods
     * from the first one's versions too.
     */
    private static void writeMembers(Connection c, List<Item<MemberView>> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        Map<String, Item<MemberView>> newest = new LinkedHashMap<>();
        Map<String, Object[]> versions = new LinkedHashMap<>();
        for (Item<MemberView> i : items) {
            MemberView m = i.view();
            newest.merge(m.memberId(), i, (old, now) -> now.view().revisionOrZero() >= old.view().revisionOrZero() ? now : old);
            versions.put(m.memberId() + "|" + m.revisionOrZero(), new Object[]{m.memberId(), m.revisionOrZero(), date(m.effectiveFrom()),
                    m.unitCode(), m.organizationId(), m.name(), m.rank().name(), m.role().name(), m.email(), m.active(), i.eventId()});
        }
        String[] ids = newest.keySet().stream().sorted().toArray(String[]::new);
        // one lock per member, taken in key order (no deadlock between two batches), held until the commit
        Sql.query(c, "select pg_advisory_xact_lock(k) from (select hashtextextended('member:' || m, 0) as k from unnest(?) as u(m) order by 1) l",
                rs -> { }, Sql.array(c, "varchar", ids));
        List<Object[]> members = new ArrayList<>();
        for (Item<MemberView> i : newest.values()) {
            MemberView m = i.view();
            members.add(new Object[]{m.memberId(), m.unitCode(), m.organizationId(), m.name(), m.rank().name(), m.role().name(), m.email(),
                    m.active(), i.eventId(), m.revisionOrZero(), date(m.effectiveFrom())});
        }
        Sql.executeUnnest(c, MEMBER, Sql.concat(MEMBER_KEYS, MEMBER_OTHERS), members);
        Sql.executeUnnest(c, VERSION, Sql.concat(VERSION_KEYS, VERSION_OTHERS), new ArrayList<>(versions.values()));
        writePeriods(c, ids);
    }

    /** The state of a member in one version: the columns a period repeats. */
    private record MemberState(String unitCode, String organizationId, String name, String rank, String role, String email) {
    }

    private static void writePeriods(Connection c, String[] memberIds) throws SQLException {
        Map<String, List<Membership.Version<MemberState>>> byMember = new LinkedHashMap<>();
        Sql.query(c, "select member_id, revision, effective_from, active, unit_code, organization_id, name, rank, role, email from member_version "
                + "where member_id = any(?)", rs -> byMember.computeIfAbsent(rs.getString(1), m -> new ArrayList<>()).add(new Membership.Version<>(
                rs.getInt(2), rs.getObject(3, java.time.LocalDate.class), rs.getBoolean(4),
                new MemberState(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))),
                Sql.array(c, "varchar", memberIds));
        List<Object[]> rows = new ArrayList<>();
        byMember.forEach((memberId, versions) -> {
            for (Membership.Period<MemberState> p : Membership.periods(versions)) {
                MemberState s = p.state();
                rows.add(new Object[]{memberId, p.revision(), s.unitCode(), s.organizationId(), s.name(), s.rank(), s.role(), s.email(),
                        date(p.from()), date(p.to())});
            }
        });
        try (PreparedStatement delete = c.prepareStatement("delete from member_period where member_id = any(?)")) {
            delete.setArray(1, Sql.array(c, "varchar", memberIds));
            delete.executeUpdate();
        }
        Sql.executeUnnest(c, PERIOD_INSERT, PERIOD_COLUMNS, rows);
    }

    private static void writeAssessmentFacts(Connection c, ParsedBatch b) throws SQLException {
        // highest revision of (unit, indicator, period) wins, within the batch and against the table
        Map<String, Item<AssessmentView>> latest = new LinkedHashMap<>();
        for (Item<AssessmentView> i : b.assessments) {
            AssessmentView a = i.view();
            latest.merge(a.unitCode() + "|" + a.indicatorCode() + "|" + a.period(), i,
                    (old, now) -> now.view().revision() > old.view().revision() ? now : old);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Item<AssessmentView> i : latest.values()) {
            AssessmentView a = i.view();
            rows.add(new Object[]{a.unitCode(), a.indicatorCode(), a.period(), a.assessmentId(), a.revision(), a.score(), a.assessor(), i.eventId(), i.source(), time(i)});
        }
        Sql.executeUnnest(c, ASSESSMENT, Sql.concat(ASSESSMENT_KEYS, ASSESSMENT_OTHERS), rows);
        Map<String, Object[]> findings = new LinkedHashMap<>();
        b.findings.forEach(i -> findings.put(i.view().findingId(), new Object[]{i.view().findingId(), i.view().unitCode(), i.view().period(),
                i.view().deductionPoints(), i.view().source(), i.view().description(), i.eventId(), i.source(), time(i)}));
        Sql.batch(c, FINDING, new ArrayList<>(findings.values()));
        Map<String, Object[]> bonuses = new LinkedHashMap<>();
        b.bonuses.forEach(i -> bonuses.put(i.view().bonusId(), new Object[]{i.view().bonusId(), i.view().unitCode(), i.view().period(),
                i.view().points(), i.view().reason(), i.eventId(), i.source(), time(i)}));
        Sql.batch(c, BONUS, new ArrayList<>(bonuses.values()));
        Map<String, Object[]> items = new LinkedHashMap<>();
        b.rectifications.forEach(i -> items.put(i.view().itemId(), new Object[]{i.view().itemId(), i.view().findingId(), i.view().unitCode(),
                i.view().status().name(), date(i.view().deadline()), date(i.view().closedOn()), i.eventId()}));
        Sql.batch(c, RECTIFICATION, new ArrayList<>(items.values()));
        Map<String, Item<EventViews.ResponsibilityView>> newest = new LinkedHashMap<>();
        b.responsibilities.forEach(i -> newest.merge(i.view().itemId(), i, (old, now) -> now.view().revision() >= old.view().revision() ? now : old));
        List<Object[]> duties = new ArrayList<>();
        for (Item<EventViews.ResponsibilityView> i : newest.values()) {
            EventViews.ResponsibilityView v = i.view();
            duties.add(new Object[]{v.itemId(), v.unitCode(), v.year(), v.level(), v.organizationId(), v.dutyKind(), v.responsibleMemberId(),
                    v.content(), date(v.dueDate()), v.status().name(), date(v.doneOn()), v.evidence(), v.checkedBy(), v.revision(), i.eventId(),
                    i.source(), time(i)});
        }
        Sql.batch(c, RESPONSIBILITY, duties);
        Map<String, Object[]> periods = new LinkedHashMap<>();
        List<Object[]> changes = new ArrayList<>();
        b.periods.forEach(p -> {
            String at = p.time() == null ? null : p.time().toString();
            periods.put(p.view().period(), new Object[]{p.view().period(), p.locked(), p.view().reason(), p.eventId(), p.locked() ? at : null});
            changes.add(new Object[]{p.view().period(), p.locked(), p.view().reason(), p.view().by(), at, p.eventId()});
        });
        Sql.batch(c, PERIOD, new ArrayList<>(periods.values()));
        Sql.batch(c, PERIOD_CHANGE, changes);
    }

    record CompletionKey(String memberId, String activityType, java.time.LocalDate day) {
        String period() {
            return day.toString().substring(0, 7);
        }
    }

    /**
     * One row per new natural key (a completion counts once per member, type and day). The key is the completions'
     * deduplication (the platform records no id for them, see {@code FactBatchHandler.deduplicatesItself}): a redelivered
     * event, or the same completion reported by another system under another id, carries the same key and changes nothing.
     * The row keeps the first event's id (and its meeting, if it was a meeting's attendance) for the scorecard's drill-down. Returns the number of new completions.
     */
    private static int writeStudy(Connection c, List<Item<StudyView>> study, List<ParsedBatch.Withdrawal> withdrawals) throws SQLException {
        // issue 16.1: a withdrawn completion (a meeting's revision took its member off) is deleted; a completion of the same
        // key that came after the withdrawal in this batch is stored again, one that came before it is not
        Map<CompletionKey, Integer> withdrawnAfter = new LinkedHashMap<>();
        for (ParsedBatch.Withdrawal w : withdrawals) {
            StudyView v = w.view();
            withdrawnAfter.merge(new CompletionKey(v.memberId(), v.activityType().name(), v.date()), w.after(), Math::max);
        }
        deleteCompletions(c, withdrawnAfter.keySet());
        if (study.isEmpty()) {
            return 0;
        }
        Map<CompletionKey, Item<StudyView>> candidates = new LinkedHashMap<>();
        for (int n = 0; n < study.size(); n++) {
            Item<StudyView> i = study.get(n);
            StudyView v = i.view();
            CompletionKey key = new CompletionKey(v.memberId(), v.activityType().name(), v.date());
            Integer withdrawn = withdrawnAfter.get(key);
            if (withdrawn != null && n < withdrawn) {
                continue;
            }
            candidates.putIfAbsent(key, i);
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        // the usual case, keys never seen: one binary COPY, nothing for the server to parse, no conflict check per row
        Integer copied = CompletionCopy.copy(c, candidates);
        if (copied != null) {
            return copied;
        }
        // some key is there already (a redelivery, the same completion from another system, another loop): one statement
        // inserts the new keys; the count is how many were new
        try (PreparedStatement insert = c.prepareStatement(COMPLETION_INSERT)) {
            bindCompletions(c, insert, candidates);
            return insert.executeUpdate();
        }
    }

    private static void deleteCompletions(Connection c, java.util.Set<CompletionKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("delete from study_completion where period = ? and member_id = ? and activity_type = ? and on_day = ?")) {
            for (CompletionKey k : keys) {
                delete.setString(1, k.period());
                delete.setString(2, k.memberId());
                delete.setString(3, k.activityType());
                delete.setDate(4, Date.valueOf(k.day()));
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void bindCompletions(Connection c, PreparedStatement insert, Map<CompletionKey, Item<StudyView>> rows) throws SQLException {
        int n = rows.size();
        String[] periods = new String[n];
        String[] members = new String[n];
        String[] types = new String[n];
        Date[] days = new Date[n];
        String[] units = new String[n];
        String[] events = new String[n];
        String[] sources = new String[n];
        String[] times = new String[n];
        String[] received = new String[n];
        String[] meetings = new String[n];
        int k = 0;
        for (Map.Entry<CompletionKey, Item<StudyView>> e : rows.entrySet()) {
            periods[k] = e.getKey().period();
            members[k] = e.getKey().memberId();
            types[k] = e.getKey().activityType();
            days[k] = Date.valueOf(e.getKey().day());
            units[k] = e.getValue().view().unitCode();
            events[k] = e.getValue().eventId();
            sources[k] = e.getValue().source();
            times[k] = time(e.getValue());
            received[k] = received(e.getValue());
            meetings[k] = e.getValue().view().meetingId();
            k++;
        }
        insert.setArray(1, Sql.array(c, "varchar", periods));
        insert.setArray(2, Sql.array(c, "varchar", members));
        insert.setArray(3, Sql.array(c, "varchar", types));
        insert.setArray(4, Sql.array(c, "date", days));
        insert.setArray(5, Sql.array(c, "varchar", units));
        insert.setArray(6, Sql.array(c, "text", events));
        insert.setArray(7, Sql.array(c, "text", sources));
        insert.setArray(8, Sql.array(c, "timestamptz", times));
        insert.setArray(9, Sql.array(c, "timestamptz", received));
        insert.setArray(10, Sql.array(c, "text", meetings));
    }

    private static void writeExams(Connection c, List<Item<ExamView>> exams) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (Item<ExamView> i : exams) {
            ExamView v = i.view();
            rows.put(v.memberId() + "|" + v.examId(), new Object[]{v.memberId(), v.examId(), v.unitCode(), Date.valueOf(v.date()),
                    v.score(), v.passed(), i.eventId(), i.source(), time(i), received(i)});
        }
        Sql.executeUnnest(c, EXAM, Sql.concat(EXAM_KEYS, EXAM_OTHERS), new ArrayList<>(rows.values()));
    }

    private static void writePoints(Connection c, List<Item<PointsView>> points) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (Item<PointsView> i : points) {
            PointsView v = i.view();
            rows.put(v.memberId() + "|" + v.date(), new Object[]{v.memberId(), Date.valueOf(v.date()), v.unitCode(), v.points(), i.eventId(), i.source(),
                    time(i), received(i)});
        }
        Sql.executeUnnest(c, POINTS, Sql.concat(POINTS_KEYS, POINTS_OTHERS), new ArrayList<>(rows.values()));
    }

    /**
     * The CloudEvent's time as ISO-8601 text (null when the sender gave none): PostgreSQL reads it into {@code timestamptz}
     * with its offset, in a JDBC batch and in an array parameter alike.
     */
    private static String time(Item<?> item) {
        return item.time() == null ? null : item.time().toString();
    }

    /** The receipt time as ISO-8601 text, like {@link #time}; null for assessment-service's own records. */
    private static String received(Item<?> item) {
        return item.receivedAt() == null ? null : item.receivedAt().toString();
    }

    private static Date date(java.time.LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
