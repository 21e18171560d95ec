package cn.partybuilding.reporting.facts;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One fact behind a scorecard's number, said in words: {@code what} it was, {@code on} which business date (the day, or
 * the month for a score, finding or bonus), when it was recorded ({@code recordedAt}, the CloudEvent's time), {@code by}
 * whom (the assessor, the member, or the sending system when the event names nobody) and which system sent it
 * ({@code source}, the CloudEvent's source). {@code recordedAt} and {@code source} are null for facts ingested before V7
 * until a replay. {@code late} is null unless another system sent the record while its month was locked (frozen months):
 * then it says 迟报 and whether the record counts yet ({@link #late(boolean)}). {@code meetingId} is the meeting a study
 * completion is the attendance of (its kind is the completion's activity, said in {@code what}); null for every other fact,
 * for a completion recorded on its own, and for completions ingested before V18 until a replay.
 */
public record Evidence(String eventId, String what, String on, OffsetDateTime recordedAt, String by, String source, String late,
                       String meetingId) {
    /** Without the late mark and no meeting: every fact that reached us in time. */
    public Evidence(String eventId, String what, String on, OffsetDateTime recordedAt, String by, String source) {
        this(eventId, what, on, recordedAt, by, source, null, null);
    }

    /** The same fact marked 迟报 (received while its month was locked), counted (the month was reopened since) or not yet. */
    public Evidence late(boolean counted) {
        return new Evidence(eventId, what, on, recordedAt, by, source, counted ? LATE_COUNTED : LATE_PENDING, meetingId);
    }

    public static final String LATE_PENDING = "迟报：该月锁定期间收到，未计入本月考评；重新开放该月后计入";
    public static final String LATE_COUNTED = "迟报：该月锁定期间收到，该月重新开放后已计入";

    private static final Map<ActivityType, String> ACTIVITY = Map.ofEntries(
            Map.entry(ActivityType.WEEKLY_STUDY, "周学"), Map.entry(ActivityType.MONTHLY_DISCUSSION, "月谈"),
            Map.entry(ActivityType.QUARTERLY_LECTURE, "季讲"), Map.entry(ActivityType.EXAM, "期考"), Map.entry(ActivityType.ANNUAL_REVIEW, "年评"),
            Map.entry(ActivityType.BRANCH_ASSEMBLY, "支部党员大会"), Map.entry(ActivityType.BRANCH_COMMITTEE, "支部委员会"),
            Map.entry(ActivityType.GROUP_MEETING, "党小组会"), Map.entry(ActivityType.PARTY_LECTURE, "党课"), Map.entry(ActivityType.THEME_DAY, "主题党日"),
            Map.entry(ActivityType.ORGANISATION_LIFE_MEETING, "组织生活会"), Map.entry(ActivityType.HEART_TO_HEART_TALK, "谈心谈话"),
            Map.entry(ActivityType.MEMBER_DEMOCRATIC_REVIEW, "民主评议党员"), Map.entry(ActivityType.CENTRAL_GROUP_STUDY, "中心组学习"));

    /** Only the id: an item whose fact is no longer stored. */
    public static Evidence idOnly(String eventId) {
        return new Evidence(eventId, null, null, null, null, null);
    }

    static Evidence score(String eventId, String indicatorCode, String period, BigDecimal score, int revision, String assessor,
                          String source, OffsetDateTime time) {
        return new Evidence(eventId, indicatorCode + " 评分 " + number(score) + "（修订号 " + revision + "）", period, time,
                assessor == null || assessor.isBlank() ? source : assessor, source);
    }

    static Evidence finding(String eventId, String period, BigDecimal points, String kind, String description, String source,
                            OffsetDateTime time) {
        String what = "扣 " + number(points) + " 分" + (description == null || description.isBlank() ? "" : "：" + description)
                + (kind == null || kind.isBlank() ? "" : "（" + kind + "）");
        return new Evidence(eventId, what, period, time, source, source);
    }

    static Evidence bonus(String eventId, String period, BigDecimal points, String reason, String source, OffsetDateTime time) {
        String what = "加 " + number(points) + " 分" + (reason == null || reason.isBlank() ? "" : "：" + reason);
        return new Evidence(eventId, what, period, time, source, source);
    }

    /** A completion; one of a meeting's attendance says which meeting (the meeting's kind is the completion's activity). */
    static Evidence study(String eventId, ActivityType type, String memberId, String memberName, java.time.LocalDate day,
                          String meetingId, String source, OffsetDateTime time) {
        String activity = ACTIVITY.get(type);
        return new Evidence(eventId, activity + " 完成：" + name(memberId, memberName) + " " + day
                + (meetingId == null ? "" : "（出席会议 " + meetingId + "）"), day.toString(), time,
                member(memberId, memberName), source, null, meetingId);
    }

    static Evidence exam(String eventId, String examId, String memberId, String memberName, java.time.LocalDate day, BigDecimal score,
                         boolean passed, String source, OffsetDateTime time) {
        return new Evidence(eventId, "考试 " + examId + " 得分 " + number(score) + (passed ? "（合格）" : "（不合格）") + "："
                + name(memberId, memberName), day.toString(), time, member(memberId, memberName), source);
    }

    static Evidence points(String eventId, String memberId, String memberName, java.time.LocalDate day, int points, String source,
                           OffsetDateTime time) {
        return new Evidence(eventId, "学习强国积分 " + points + "：" + name(memberId, memberName) + " " + day, day.toString(), time,
                member(memberId, memberName), source);
    }

    /** A 责任清单 item behind RESPONSIBILITY_LIST: what, due when, done or not (as of the month's end), by whom it was checked off. */
    static Evidence duty(String eventId, String dutyKind, String content, String memberId, String memberName, java.time.LocalDate dueDate,
                         java.time.LocalDate doneOn, boolean doneByMonthEnd, String evidence, String checkedBy, String source, OffsetDateTime time) {
        String duty = switch (dutyKind == null ? "" : dutyKind) {
            case "OVERALL" -> "负总责";
            case "ASSIGNED" -> "分工负责";
            case "IMPLEMENTATION" -> "推进落实";
            case "DUAL" -> "一岗双责";
            default -> dutyKind;
        };
        String what = "责任清单（" + duty + "，责任人 " + name(memberId, memberName) + "）：" + content + "，时限 " + dueDate
                + (doneByMonthEnd ? "，已完成 " + doneOn + (evidence == null ? "" : "（佐证：" + evidence + "）") : "，未完成");
        return new Evidence(eventId, what, dueDate.toString(), time, doneByMonthEnd && checkedBy != null ? checkedBy : source, source);
    }

    private static String name(String memberId, String memberName) {
        return memberName == null ? memberId : memberName;
    }

    /** 张三（M-001）: the name people know and the id that tells two 张三 apart. */
    private static String member(String memberId, String memberName) {
        return memberName == null ? memberId : memberName + "（" + memberId + "）";
    }

    private static String number(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }
}
