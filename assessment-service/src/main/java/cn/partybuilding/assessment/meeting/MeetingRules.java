package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.assessment.study.StudyKinds;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a meeting's facts, plain Java: what a secretary's request and another system's meeting event must satisfy.
 * Field names are those of the REST body ({@code attendees[2]}, {@code absentees[0].reason}).
 */
public final class MeetingRules {
    public static final int MAX_TOPIC = 200;
    public static final int MAX_MINUTES_TEXT = 20_000;
    public static final int MAX_REASON = 200;
    /** More people than any organisation of the county has; the body limit applies as well. */
    public static final int MAX_PEOPLE = 2_000;

    private MeetingRules() {
    }

    /** The facts alone (no registry): required fields, kind, date not in the future, lengths, each member once. */
    public static void checkFacts(Checks checks, MeetingRequest in, LocalDate today) {
        checks.required("organizationId", in.organizationId());
        if (checks.required("kind", in.kind()) && !in.kind().isMeeting()) {
            checks.add("kind", in.kind() + " 不是会议类型；会议类型为 " + ActivityType.MEETING_KINDS);
        }
        if (checks.required("date", in.date()) && in.date().isAfter(today)) {
            checks.add("date", "会议日期不能晚于今天: " + in.date());
        }
        if (checks.required("topic", in.topic())) {
            if (in.topic().isBlank()) {
                checks.add("topic", "必填");
            } else {
                checks.text("topic", in.topic(), MAX_TOPIC);
            }
        }
        if (in.minutes() != null) {
            checks.text("minutes", in.minutes(), MAX_MINUTES_TEXT);
        }
        if (in.durationMinutes() != null && (in.durationMinutes() < 0 || in.durationMinutes() > StudyKinds.MAX_MINUTES)) {
            checks.add("durationMinutes", "应在 0–" + StudyKinds.MAX_MINUTES + " 之间");
        }
        List<String> attendees = in.attendees() == null ? List.of() : in.attendees();
        List<MeetingRequest.Absence> absentees = in.absentees() == null ? List.of() : in.absentees();
        if (attendees.isEmpty()) {
            checks.add("attendees", "至少需要一名参会党员");
        }
        if (attendees.size() + absentees.size() > MAX_PEOPLE) {
            checks.add("attendees", "参会和缺席人数合计最多 " + MAX_PEOPLE + " 人");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < attendees.size(); i++) {
            String id = attendees.get(i);
            if (id == null || id.isBlank()) {
                checks.add("attendees[" + i + "]", "必填");
            } else if (!seen.add(id)) {
                checks.add("attendees[" + i + "]", "党员 " + id + " 重复");
            }
        }
        for (int i = 0; i < absentees.size(); i++) {
            MeetingRequest.Absence a = absentees.get(i);
            String field = "absentees[" + i + "]";
            if (a == null) {
                checks.add(field, "不能为空");
                continue;
            }
            if (a.memberId() == null || a.memberId().isBlank()) {
                checks.add(field + ".memberId", "必填");
            } else if (!seen.add(a.memberId())) {
                checks.add(field + ".memberId", "党员 " + a.memberId() + " 已在参会或缺席名单中");
            }
            if (a.reason() == null || a.reason().isBlank()) {
                checks.add(field + ".reason", "缺席须说明原因");
            } else {
                checks.text(field + ".reason", a.reason(), MAX_REASON);
            }
        }
    }

    /**
     * Every attendee and absentee must be a member of the meeting's organisation: of the unit, and in the organisation or
     * one below it (a 党小组 member attends the branch's 党员大会); the unit's top organisation also has the unit's members
     * without a branch. {@code memberOrganisation} maps the unit's member ids to their organisation (null: none).
     */
    public static void checkPeople(Checks checks, MeetingRequest in, Map<String, String> memberOrganisation, Collection<String> subtree,
                                   boolean topOfUnit, String organisationName) {
        List<String> attendees = in.attendees() == null ? List.of() : in.attendees();
        for (int i = 0; i < attendees.size(); i++) {
            String id = attendees.get(i);
            if (id != null && !belongs(id, memberOrganisation, subtree, topOfUnit)) {
                checks.add("attendees[" + i + "]", "党员 " + id + " 不是" + organisationName + "的党员");
            }
        }
        List<MeetingRequest.Absence> absentees = in.absentees() == null ? List.of() : in.absentees();
        for (int i = 0; i < absentees.size(); i++) {
            MeetingRequest.Absence a = absentees.get(i);
            if (a != null && a.memberId() != null && !belongs(a.memberId(), memberOrganisation, subtree, topOfUnit)) {
                checks.add("absentees[" + i + "].memberId", "党员 " + a.memberId() + " 不是" + organisationName + "的党员");
            }
        }
    }

    private static boolean belongs(String memberId, Map<String, String> memberOrganisation, Collection<String> subtree, boolean topOfUnit) {
        if (!memberOrganisation.containsKey(memberId)) {
            return false;
        }
        String organisation = memberOrganisation.get(memberId);
        return organisation == null ? topOfUnit : subtree.contains(organisation);
    }
}
