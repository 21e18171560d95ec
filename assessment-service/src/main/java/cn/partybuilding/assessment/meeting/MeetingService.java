package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.PartyOrganization;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.assessment.study.CompletionRecord;
import cn.partybuilding.assessment.study.StudyCompleted;
import cn.partybuilding.assessment.study.StudyWithdrawn;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.security.AuditTrail;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Meetings (三会一课, 主题党日, 组织生活会 …): recorded once per meeting, their attendance is the attendees' completions.
 * A completion of a meeting carries its {@code meeting_id}; a revision replaces exactly those: the completions of members
 * no longer attending (or of the old kind or day) are deleted and withdrawn ({@code study.withdrawn}), new attendees'
 * completions are stored and published ({@code study.completed} with {@code meetingId}). A completion the member already
 * had (recorded on its own, by another meeting or another system) is left as it is and not claimed: it counts once, and a
 * revision of this meeting never withdraws it.
 */
@ApplicationScoped
public class MeetingService implements cn.partybuilding.assessment.study.ExternalMeetings {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PeriodService periods;
    @Inject
    EventPublisher events;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    /** Records a new meeting; {@code visible} says which units the caller may record for (another unit's organisation is unknown). */
    @Transactional
    public MeetingView record(MeetingRequest in, String recordedBy, Predicate<String> visible) {
        PartyOrganization organisation = check(in, visible);
        periods.requireOpen("date", Periods.of(in.date()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        MeetingView meeting = new MeetingView(UUID.randomUUID().toString(), 1, organisation.unitCode, organisation.organizationId, in.kind(),
                in.date(), in.topic().strip(), in.durationMinutes(), in.minutes(), List.copyOf(in.attendees()), absentees(in),
                events.source(), recordedBy, now, now);
        try (Connection c = dataSource.getConnection()) {
            insert(c, meeting);
            List<CloudEvent> out = new ArrayList<>();
            out.add(events.event(EventTypes.MEETING_RECORDED, meeting.unitCode(), MeetingHeld.of(meeting)));
            syncCompletions(c, meeting, out);
            events.publishAll(Topics.STUDY, out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the meeting: " + e.getMessage(), e);
        }
        audit.accepted("meeting", meeting.meetingId(), null, meeting);
        return meeting;
    }

    /**
     * Replaces a meeting's facts (its whole state) while its month, and the month it moves to, are open: 409 on
     * {@code date} otherwise. An identical state changes nothing (no revision, no event).
     */
    @Transactional
    public MeetingView revise(String meetingId, MeetingRequest in, String revisedBy, Predicate<String> visible) {
        MeetingView before = find(meetingId, true).filter(m -> visible.test(m.unitCode()))
                .orElseThrow(() -> ProblemException.notFound("会议不存在", "meetingId", "不存在"));
        PartyOrganization organisation = check(in, visible);
        if (!organisation.unitCode.equals(before.unitCode())) {
            throw ProblemException.invalid("organizationId", "会议属于单位 " + before.unitCode() + "，不能改到其他单位的党组织");
        }
        periods.requireOpen("date", Periods.of(before.date()));
        periods.requireOpen("date", Periods.of(in.date()));
        MeetingView after = new MeetingView(meetingId, before.revision() + 1, before.unitCode(), organisation.organizationId, in.kind(), in.date(),
                in.topic().strip(), in.durationMinutes(), in.minutes(), List.copyOf(in.attendees()), absentees(in), before.source(),
                revisedBy, before.recordedAt(), OffsetDateTime.now(clock));
        if (sameFacts(before, after)) {
            // accepted, though nothing changed (no revision, no event): the trail still shows who sent it
            audit.accepted("meeting", meetingId, before, before);
            return before;
        }
        try (Connection c = dataSource.getConnection()) {
            update(c, after);
            List<CloudEvent> out = new ArrayList<>();
            out.add(events.event(EventTypes.MEETING_REVISED, after.unitCode(), MeetingHeld.of(after)));
            syncCompletions(c, after, out);
            events.publishAll(Topics.STUDY, out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revise the meeting: " + e.getMessage(), e);
        }
        audit.accepted("meeting", meetingId, before, after);
        return after;
    }

    /**
     * Applies another system's {@code meeting.recorded}/{@code meeting.revised} (in the study consumer's transaction): the
     * same rules as REST, as dead-letter reasons. The meeting's id is the sender's; a stale or repeated revision changes
     * nothing; a meeting id of another system, or a meeting of a month locked when it arrives, is refused (a meeting is
     * a record that can still change, unlike a completion: the sender must have the month reopened). The attendees'
     * completions are published by this service, so reporting-service counts them like its own.
     * Returns whether anything changed.
     */
    @Override
    public void absorb(CloudEvent event) {
        absorb(cn.partybuilding.contracts.CloudEventCodec.data(event, MeetingHeld.class), event.source());
    }

    // deliberately not @Transactional: it runs in the consumer's transaction, and a refusal (InvalidEventException) passing
    // through a transactional interceptor would mark that whole poll's transaction for rollback instead of dead-lettering one event
    public boolean absorb(MeetingHeld held, String source) {
        require(held.meetingId() != null && held.meetingId().matches("[A-Za-z0-9._-]{1,64}"), "meetingId missing or not a code of 1-64 letters, digits, '.', '_', '-'");
        require(held.revision() != null && held.revision() >= 1, "revision missing or below 1");
        require(held.unitCode() != null, "unitCode missing");
        MeetingRequest in = held.toRequest();
        PartyOrganization organisation;
        try {
            organisation = check(in, unit -> true);
        } catch (ProblemException e) {
            throw new InvalidEventException(reason(e));
        }
        require(organisation.unitCode.equals(held.unitCode()), "organization " + organisation.organizationId + " belongs to unit "
                + organisation.unitCode + ", not " + held.unitCode());
        Optional<MeetingView> stored = find(held.meetingId(), true);
        if (stored.isPresent()) {
            require(stored.get().source().equals(source), "meeting " + held.meetingId() + " was recorded by " + stored.get().source() + ", not " + source);
            require(stored.get().unitCode().equals(held.unitCode()), "meeting " + held.meetingId() + " belongs to unit " + stored.get().unitCode());
            if (stored.get().revision() >= held.revision()) {
                return false;
            }
            require(!periods.isLocked(Periods.of(stored.get().date())), "period " + Periods.of(stored.get().date()) + " is locked");
        }
        require(!periods.isLocked(Periods.of(held.date())), "period " + Periods.of(held.date()) + " is locked");
        OffsetDateTime now = OffsetDateTime.now(clock);
        MeetingView meeting = new MeetingView(held.meetingId(), held.revision(), held.unitCode(), organisation.organizationId, held.kind(),
                held.date(), held.topic().strip(), held.durationMinutes(), held.minutes(), List.copyOf(in.attendees()), absentees(in), source,
                source, stored.map(MeetingView::recordedAt).orElse(now), now);
        try (Connection c = dataSource.getConnection()) {
            if (stored.isPresent()) {
                update(c, meeting);
            } else {
                insert(c, meeting);
            }
            List<CloudEvent> out = new ArrayList<>();
            syncCompletions(c, meeting, out);
            events.publishAll(Topics.STUDY, out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the meeting: " + e.getMessage(), e);
        }
        return true;
    }

    public Optional<MeetingView> meeting(String meetingId) {
        return find(meetingId, false);
    }

    /** The meetings of a month, optionally of one unit, organisation or kind, by date. */
    public List<MeetingView> list(String period, String unitCode, String organizationId, ActivityType kind) {
        YearMonth month = Periods.month("period", period);
        StringBuilder sql = new StringBuilder("select meeting_id from meeting where held_on between ? and ?");
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(month.atDay(1)), Date.valueOf(month.atEndOfMonth())));
        if (unitCode != null) {
            sql.append(" and unit_code = ?");
            args.add(unitCode);
        }
        if (organizationId != null) {
            sql.append(" and organization_id = ?");
            args.add(organizationId);
        }
        if (kind != null) {
            sql.append(" and kind = ?");
            args.add(kind.name());
        }
        sql.append(" order by held_on, recorded_at, meeting_id");
        List<MeetingView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            for (String id : ids) {
                read(c, id, false).ifPresent(out::add);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Field rules, then the registry: the organisation (unknown or another unit's: 400) and its members. */
    private PartyOrganization check(MeetingRequest in, Predicate<String> visible) {
        if (in == null) {
            throw ProblemException.invalid("body", "必填");
        }
        Checks checks = new Checks();
        MeetingRules.checkFacts(checks, in, LocalDate.now(clock));
        checks.throwIfAny("会议记录不完整或无效，未写入任何数据");
        PartyOrganization organisation = PartyOrganization.findById(in.organizationId());
        if (organisation == null || !visible.test(organisation.unitCode)) {
            throw ProblemException.invalid("organizationId", "未知党组织: " + in.organizationId());
        }
        List<PartyOrganization> ofUnit = PartyOrganization.list("unitCode", organisation.unitCode);
        Set<String> subtree = new HashSet<>(List.of(organisation.organizationId));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (PartyOrganization o : ofUnit) {
                if (o.parentId != null && subtree.contains(o.parentId) && subtree.add(o.organizationId)) {
                    grew = true;
                }
            }
        }
        Map<String, String> memberOrganisation = new HashMap<>();
        for (Member m : Member.<Member>list("unitCode", organisation.unitCode)) {
            memberOrganisation.put(m.memberId, m.organizationId);
        }
        Checks people = new Checks();
        MeetingRules.checkPeople(people, in, memberOrganisation, subtree, organisation.parentId == null, organisation.name);
        people.throwIfAny("参会或缺席人员不是该党组织的党员，未写入任何数据");
        return organisation;
    }

    private static List<MeetingRequest.Absence> absentees(MeetingRequest in) {
        return in.absentees() == null ? List.of() : in.absentees().stream().map(a -> new MeetingRequest.Absence(a.memberId(), a.reason().strip())).toList();
    }

    private static boolean sameFacts(MeetingView a, MeetingView b) {
        return a.organizationId().equals(b.organizationId()) && a.kind() == b.kind() && a.date().equals(b.date()) && a.topic().equals(b.topic())
                && Objects.equals(a.durationMinutes(), b.durationMinutes()) && Objects.equals(a.minutes(), b.minutes())
                && a.attendees().equals(b.attendees()) && a.absentees().equals(b.absentees());
    }

    private record Key(String memberId, ActivityType kind, LocalDate date) {
    }

    /**
     * Makes the meeting's completions its attendees' (kind, date): withdraws the ones no longer attending, adds the new
     * ones (unless the member has that completion already), and appends their events to {@code out}.
     */
    private void syncCompletions(Connection c, MeetingView m, List<CloudEvent> out) throws SQLException {
        Map<Key, String> current = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select member_id, activity_type, completed_on, unit_code from study_completion where meeting_id = ? order by id")) {
            ps.setString(1, m.meetingId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    current.put(new Key(rs.getString(1), ActivityType.valueOf(rs.getString(2)), rs.getDate(3).toLocalDate()), rs.getString(4));
                }
            }
        }
        Set<Key> desired = new java.util.LinkedHashSet<>();
        m.attendees().forEach(id -> desired.add(new Key(id, m.kind(), m.date())));
        try (PreparedStatement delete = c.prepareStatement("delete from study_completion where meeting_id = ? and member_id = ? and activity_type = ? and completed_on = ?")) {
            for (Map.Entry<Key, String> e : current.entrySet()) {
                Key k = e.getKey();
                if (!desired.contains(k)) {
                    delete.setString(1, m.meetingId());
                    delete.setString(2, k.memberId());
                    delete.setString(3, k.kind().name());
                    delete.setDate(4, Date.valueOf(k.date()));
                    delete.executeUpdate();
                    out.add(events.event(EventTypes.STUDY_WITHDRAWN, e.getValue(),
                            new StudyWithdrawn(k.memberId(), e.getValue(), k.kind(), k.date(), m.meetingId())));
                }
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = c.prepareStatement("insert into study_completion (member_id, unit_code, activity_type, completed_on, minutes, recorded_at, "
                + "received_while_locked, meeting_id) values (?, ?, ?, ?, ?, ?, false, ?) on conflict (member_id, activity_type, completed_on) do nothing")) {
            for (Key k : desired) {
                if (current.containsKey(k)) {
                    continue;
                }
                insert.setString(1, k.memberId());
                insert.setString(2, m.unitCode());
                insert.setString(3, k.kind().name());
                insert.setDate(4, Date.valueOf(k.date()));
                if (m.durationMinutes() == null) {
                    insert.setNull(5, Types.INTEGER);
                } else {
                    insert.setInt(5, m.durationMinutes());
                }
                insert.setTimestamp(6, now);
                insert.setString(7, m.meetingId());
                if (insert.executeUpdate() == 1) {
                    CompletionRecord record = new CompletionRecord(k.memberId(), m.unitCode(), k.kind(), k.date(), m.durationMinutes());
                    out.add(events.event(EventTypes.STUDY_COMPLETED, m.unitCode(), StudyCompleted.ofMeeting(record, m.meetingId())));
                }
            }
        }
    }

    private void insert(Connection c, MeetingView m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into meeting (meeting_id, revision, unit_code, organization_id, kind, held_on, topic, "
                + "duration_minutes, minutes, source, recorded_by, recorded_at, revised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.meetingId());
            ps.setInt(2, m.revision());
            ps.setString(3, m.unitCode());
            ps.setString(4, m.organizationId());
            ps.setString(5, m.kind().name());
            ps.setDate(6, Date.valueOf(m.date()));
            ps.setString(7, m.topic());
            ps.setObject(8, m.durationMinutes(), Types.INTEGER);
            ps.setString(9, m.minutes());
            ps.setString(10, m.source());
            ps.setString(11, m.recordedBy());
            ps.setObject(12, m.recordedAt());
            ps.setObject(13, m.revisedAt());
            ps.executeUpdate();
        }
        insertAttendance(c, m);
    }

    private void update(Connection c, MeetingView m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update meeting set revision = ?, organization_id = ?, kind = ?, held_on = ?, topic = ?, "
                + "duration_minutes = ?, minutes = ?, recorded_by = ?, revised_at = ? where meeting_id = ?")) {
            ps.setInt(1, m.revision());
            ps.setString(2, m.organizationId());
            ps.setString(3, m.kind().name());
            ps.setDate(4, Date.valueOf(m.date()));
            ps.setString(5, m.topic());
            ps.setObject(6, m.durationMinutes(), Types.INTEGER);
            ps.setString(7, m.minutes());
            ps.setString(8, m.recordedBy());
            ps.setObject(9, m.revisedAt());
            ps.setString(10, m.meetingId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from meeting_attendance where meeting_id = ?")) {
            ps.setString(1, m.meetingId());
            ps.executeUpdate();
        }
        insertAttendance(c, m);
    }

    private void insertAttendance(Connection c, MeetingView m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into meeting_attendance (meeting_id, member_id, present, absence_reason, position) values (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (String id : m.attendees()) {
                ps.setString(1, m.meetingId());
                ps.setString(2, id);
                ps.setBoolean(3, true);
                ps.setString(4, null);
                ps.setInt(5, position++);
                ps.addBatch();
            }
            for (MeetingRequest.Absence a : m.absentees()) {
                ps.setString(1, m.meetingId());
                ps.setString(2, a.memberId());
                ps.setBoolean(3, false);
                ps.setString(4, a.reason());
                ps.setInt(5, position++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Optional<MeetingView> find(String meetingId, boolean forUpdate) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, meetingId, forUpdate);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<MeetingView> read(Connection c, String meetingId, boolean forUpdate) throws SQLException {
        MeetingView head;
        try (PreparedStatement ps = c.prepareStatement("select meeting_id, revision, unit_code, organization_id, kind, held_on, topic, duration_minutes, "
                + "minutes, source, recorded_by, recorded_at, revised_at from meeting where meeting_id = ?" + (forUpdate ? " for update" : ""))) {
            ps.setString(1, meetingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int duration = rs.getInt(8);
                Integer durationMinutes = rs.wasNull() ? null : duration;
                head = new MeetingView(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), ActivityType.valueOf(rs.getString(5)),
                        rs.getDate(6).toLocalDate(), rs.getString(7), durationMinutes, rs.getString(9), List.of(), List.of(), rs.getString(10),
                        rs.getString(11), rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class));
            }
        }
        List<String> attendees = new ArrayList<>();
        List<MeetingRequest.Absence> absentees = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select member_id, present, absence_reason from meeting_attendance where meeting_id = ? order by position")) {
            ps.setString(1, meetingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        attendees.add(rs.getString(1));
                    } else {
                        absentees.add(new MeetingRequest.Absence(rs.getString(1), rs.getString(3)));
                    }
                }
            }
        }
        return Optional.of(new MeetingView(head.meetingId(), head.revision(), head.unitCode(), head.organizationId(), head.kind(), head.date(),
                head.topic(), head.durationMinutes(), head.minutes(), List.copyOf(attendees), List.copyOf(absentees), head.source(),
                head.recordedBy(), head.recordedAt(), head.revisedAt()));
    }

    private static String reason(ProblemException e) {
        List<Violation> v = e.violations();
        return v == null || v.isEmpty() ? e.getMessage()
                : String.join("; ", v.stream().map(x -> x.field() + ": " + x.reason()).toList());
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEventException(reason);
        }
    }
}
