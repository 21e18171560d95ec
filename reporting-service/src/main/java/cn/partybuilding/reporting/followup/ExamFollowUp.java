package cn.partybuilding.reporting.followup;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.publication.NoticePlanner;
import cn.partybuilding.reporting.publication.NoticeRequest;
import cn.partybuilding.reporting.publication.PublicationEvents;
import cn.partybuilding.reporting.publication.Recipients;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.MemberExam;
import cn.partybuilding.reporting.scoring.MemberFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.facts.Sql.query;

/**
 * Issue 16.6: the follow-up of a failed exam when its result arrives, not when its month is published. Called by the
 * live ingest inside the batch's transaction, after the facts are written, so the notice requests commit (through the
 * outbox) with the exam fact and the consumed ids: a redelivered result is dropped by id before it gets here, and a
 * replay (which rebuilds facts beside the live ones) does not call it at all, so nothing is requested twice. The month's
 * publication no longer plans exam notices.
 * <p>
 * Which notice: the member's failed exams of the same calendar year as stored now (the latest grading of each exam; a
 * result regraded as passed in the same batch asks for nothing): none before this one → 教育提醒, one or more → 诫勉谈话.
 * An exam reported late into a locked (frozen) month is followed up all the same: the lock decides what the month's
 * score counts, not whether a failure is followed up.
 */
@ApplicationScoped
public class ExamFollowUp {
    /** The publication name in the notice requests' derived event ids: one id per notice key, whichever batch sends it. */
    static final String PUBLICATION = "exam-follow-up";

    @Inject
    EventPublisher publisher;

    @Inject
    PublicationEvents events;

    @Inject
    Clock clock;

    /**
     * Plans and publishes the notices of the failed (member, exam) pairs, reading through {@code c} (the batch's
     * connection, which sees what the batch wrote). Returns the requests published.
     */
    public List<NoticeRequest> failed(Connection c, List<String[]> memberExams) throws SQLException {
        if (memberExams.isEmpty()) {
            return List.of();
        }
        List<MemberExam> failures = new ArrayList<>();
        for (String[] memberExam : memberExams) {
            query(c, "select member_id, unit_code, exam_id, on_day, score, passed from exam_result where member_id = ? and exam_id = ?",
                    rs -> {
                        if (!rs.getBoolean(6)) {
                            failures.add(exam(rs));
                        }
                    }, memberExam[0], memberExam[1]);
        }
        if (failures.isEmpty()) {
            return List.of();
        }
        Map<String, List<MemberFacts>> roster = new HashMap<>();
        Map<String, String> unitNames = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        String[] units = failures.stream().map(MemberExam::unitCode).distinct().toArray(String[]::new);
        query(c, "select member_id, unit_code, organization_id, name, rank, role, email from member where active = true and unit_code = any(?)",
                rs -> roster.computeIfAbsent(rs.getString(2), u -> new ArrayList<>()).add(new MemberFacts(rs.getString(1), rs.getString(4),
                        rs.getString(2), rs.getString(3), MemberRole.valueOf(rs.getString(6)), MemberRank.valueOf(rs.getString(5)), rs.getString(7))),
                c.createArrayOf("varchar", units));
        query(c, "select unit_code, name from unit where unit_code = any(?)", rs -> unitNames.put(rs.getString(1), rs.getString(2)),
                c.createArrayOf("varchar", units));
        query(c, "select organization_id, parent_id from party_organization where unit_code = any(?)",
                rs -> parents.put(rs.getString(1), rs.getString(2)), c.createArrayOf("varchar", units));
        NoticePlanner planner = new NoticePlanner(new Recipients(roster, parents));
        for (MemberExam failed : failures) {
            planner.examFailure(failed, earlierFailure(c, failed), unitNames.get(failed.unitCode()));
        }
        List<NoticeRequest> notices = planner.requests();
        publisher.publishEach(Topics.NOTICE_REQUESTS, notices, events.noticeRequested(PUBLICATION, OffsetDateTime.now(clock)));
        return notices;
    }

    /** The member's latest failed exam of the same year before {@code failed} (by day, then exam id), or null. */
    private static MemberExam earlierFailure(Connection c, MemberExam failed) throws SQLException {
        List<MemberExam> earlier = new ArrayList<>();
        LocalDate day = failed.day();
        query(c, "select member_id, unit_code, exam_id, on_day, score, passed from exam_result where member_id = ? and not passed"
                        + " and on_day >= ? and (on_day < ? or (on_day = ? and exam_id < ?)) order by on_day desc, exam_id desc limit 1",
                rs -> earlier.add(exam(rs)), failed.memberId(), java.sql.Date.valueOf(day.withDayOfYear(1)), java.sql.Date.valueOf(day),
                java.sql.Date.valueOf(day), failed.examId());
        return earlier.isEmpty() ? null : earlier.get(0);
    }

    private static MemberExam exam(java.sql.ResultSet rs) throws SQLException {
        return new MemberExam(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDouble(5), rs.getBoolean(6));
    }
}
