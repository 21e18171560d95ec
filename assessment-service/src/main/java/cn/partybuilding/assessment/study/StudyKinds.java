package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.contracts.EventTypes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.function.IntFunction;

/** The three study record kinds. Plain Java (JDBC types only); the rules are unit-tested. */
public final class StudyKinds {
    public static final int MAX_MINUTES = 24 * 60;
    public static final int MAX_DAILY_POINTS = 1000;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private StudyKinds() {
    }

    public static final StudyKind<CompletionRecord> COMPLETION = new StudyKind<>() {
        @Override
        public String eventType() {
            return EventTypes.STUDY_COMPLETED;
        }

        @Override
        public Object payload(CompletionRecord row) {
            return StudyCompleted.of(row);
        }

        @Override
        public void check(Checks checks, String prefix, CompletionRecord row) {
            checks.required(prefix + "activityType", row.activityType());
            if (row.minutes() != null && (row.minutes() < 0 || row.minutes() > MAX_MINUTES)) {
                checks.add(prefix + "minutes", "应在 0–" + MAX_MINUTES + " 之间");
            }
        }

        @Override
        public String key(CompletionRecord row) {
            return row.memberId() + "|" + row.activityType() + "|" + row.date();
        }

        @Override
        public CompletionRecord complete(CompletionRecord row, String unitCode, IntFunction<BigDecimal> passScoreOfYear) {
            return new CompletionRecord(row.memberId(), unitCode, row.activityType(), row.date(), row.minutes());
        }

        @Override
        public String selectExisting() {
            return "select member_id, unit_code, activity_type, completed_on, minutes from study_completion"
                    + " where member_id in (%s) and completed_on between ? and ?";
        }

        @Override
        public CompletionRecord read(ResultSet rs) throws SQLException {
            int minutes = rs.getInt(5);
            return new CompletionRecord(rs.getString(1), rs.getString(2), ActivityType.valueOf(rs.getString(3)),
                    rs.getDate(4).toLocalDate(), rs.wasNull() ? null : minutes);
        }

        @Override
        public String insert() {
            return "insert into study_completion (member_id, unit_code, activity_type, completed_on, minutes, recorded_at, received_while_locked) values (?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        public String table() {
            return "study_completion";
        }

        @Override
        public String dateColumn() {
            return "completed_on";
        }

        @Override
        public void bind(PreparedStatement ps, CompletionRecord row, Instant now) throws SQLException {
            ps.setString(1, row.memberId());
            ps.setString(2, row.unitCode());
            ps.setString(3, row.activityType().name());
            ps.setDate(4, Date.valueOf(row.date()));
            if (row.minutes() == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, row.minutes());
            }
            ps.setTimestamp(6, StudyKind.timestamp(now));
        }
    };

    public static final StudyKind<ExamRecord> EXAM = new StudyKind<>() {
        @Override
        public String eventType() {
            return EventTypes.EXAM_GRADED;
        }

        @Override
        public Object payload(ExamRecord row) {
            return ExamGraded.of(row);
        }

        @Override
        public void check(Checks checks, String prefix, ExamRecord row) {
            checks.code(prefix + "examId", row.examId());
            checks.range(prefix + "score", row.score(), BigDecimal.ZERO, HUNDRED);
        }

        @Override
        public String key(ExamRecord row) {
            return row.memberId() + "|" + row.examId();
        }

        @Override
        public ExamRecord complete(ExamRecord row, String unitCode, IntFunction<BigDecimal> passScoreOfYear) {
            BigDecimal pass = passScoreOfYear.apply(row.date().getYear());
            BigDecimal score = row.score().setScale(2, RoundingMode.UNNECESSARY);
            return new ExamRecord(row.memberId(), unitCode, row.examId(), row.date(), score, pass, score.compareTo(pass) >= 0);
        }

        @Override
        public String selectExisting() {
            return "select member_id, unit_code, exam_id, taken_on, score, pass_score, passed from exam_result"
                    + " where member_id in (%s)";
        }

        @Override
        public boolean dateBounded() {
            return false;
        }

        @Override
        public ExamRecord read(ResultSet rs) throws SQLException {
            return new ExamRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                    rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBoolean(7));
        }

        @Override
        public String insert() {
            return "insert into exam_result (member_id, unit_code, exam_id, taken_on, score, pass_score, passed, recorded_at, received_while_locked) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        public String table() {
            return "exam_result";
        }

        @Override
        public String dateColumn() {
            return "taken_on";
        }

        @Override
        public void bind(PreparedStatement ps, ExamRecord row, Instant now) throws SQLException {
            ps.setString(1, row.memberId());
            ps.setString(2, row.unitCode());
            ps.setString(3, row.examId());
            ps.setDate(4, Date.valueOf(row.date()));
            ps.setBigDecimal(5, row.score());
            ps.setBigDecimal(6, row.passScore());
            ps.setBoolean(7, row.passed());
            ps.setTimestamp(8, StudyKind.timestamp(now));
        }
    };

    public static final StudyKind<PointsRecord> POINTS = new StudyKind<>() {
        @Override
        public String eventType() {
            return EventTypes.PLATFORM_POINTS_RECORDED;
        }

        @Override
        public Object payload(PointsRecord row) {
            return PlatformPointsRecorded.of(row);
        }

        @Override
        public void check(Checks checks, String prefix, PointsRecord row) {
            if (checks.required(prefix + "points", row.points()) && (row.points() < 0 || row.points() > MAX_DAILY_POINTS)) {
                checks.add(prefix + "points", "每日积分应在 0–" + MAX_DAILY_POINTS + " 之间");
            }
        }

        @Override
        public String key(PointsRecord row) {
            return row.memberId() + "|" + row.date();
        }

        @Override
        public PointsRecord complete(PointsRecord row, String unitCode, IntFunction<BigDecimal> passScoreOfYear) {
            return new PointsRecord(row.memberId(), unitCode, row.date(), row.points());
        }

        @Override
        public String selectExisting() {
            return "select member_id, unit_code, points_on, points from platform_points where member_id in (%s) and points_on between ? and ?";
        }

        @Override
        public PointsRecord read(ResultSet rs) throws SQLException {
            return new PointsRecord(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4));
        }

        @Override
        public String insert() {
            return "insert into platform_points (member_id, unit_code, points_on, points, recorded_at, received_while_locked) values (?, ?, ?, ?, ?, ?)";
        }

        @Override
        public String table() {
            return "platform_points";
        }

        @Override
        public String dateColumn() {
            return "points_on";
        }

        @Override
        public void bind(PreparedStatement ps, PointsRecord row, Instant now) throws SQLException {
            ps.setString(1, row.memberId());
            ps.setString(2, row.unitCode());
            ps.setDate(3, Date.valueOf(row.date()));
            ps.setInt(4, row.points());
            ps.setTimestamp(5, StudyKind.timestamp(now));
        }
    };
}
