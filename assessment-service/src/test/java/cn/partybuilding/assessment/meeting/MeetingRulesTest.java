package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.eventing.web.Violation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetingRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    private static List<String> fields(MeetingRequest in) {
        Checks checks = new Checks();
        MeetingRules.checkFacts(checks, in, TODAY);
        return checks.violations().stream().map(Violation::field).toList();
    }

    private static MeetingRequest request(ActivityType kind, LocalDate date, List<String> attendees, List<MeetingRequest.Absence> absentees) {
        return new MeetingRequest("B1", kind, date, "主题", 60, null, attendees, absentees);
    }

    @Test
    void aCompleteMeetingPasses() {
        assertEquals(List.of(), fields(request(ActivityType.THEME_DAY, TODAY, List.of("M1", "M2"), List.of(new MeetingRequest.Absence("M3", "出差")))));
    }

    @Test
    void everyMeetingKindIsAnActivityAndOnlyThoseAreMeetings() {
        assertEquals(9, ActivityType.MEETING_KINDS.size());
        assertTrue(ActivityType.HEART_TO_HEART_TALK.isMeeting());
        assertEquals(List.of("kind"), fields(request(ActivityType.WEEKLY_STUDY, TODAY, List.of("M1"), List.of())));
    }

    @Test
    void badFactsNameTheirFields() {
        assertEquals(List.of("date"), fields(request(ActivityType.THEME_DAY, TODAY.plusDays(1), List.of("M1"), List.of())));
        assertEquals(List.of("attendees"), fields(request(ActivityType.THEME_DAY, TODAY, List.of(), List.of())));
        assertEquals(List.of("attendees[1]"), fields(request(ActivityType.THEME_DAY, TODAY, List.of("M1", "M1"), List.of())));
        assertEquals(List.of("absentees[0].reason"), fields(request(ActivityType.THEME_DAY, TODAY, List.of("M1"),
                List.of(new MeetingRequest.Absence("M2", "  ")))));
        assertEquals(List.of("absentees[0].memberId"), fields(request(ActivityType.THEME_DAY, TODAY, List.of("M1"),
                List.of(new MeetingRequest.Absence("M1", "请假")))));
        assertEquals(List.of("organizationId", "kind", "date", "topic", "attendees"),
                fields(new MeetingRequest(null, null, null, null, null, null, null, null)));
    }

    @Test
    void peopleMustBelongToTheOrganisationOrOneBelowIt() {
        Map<String, String> members = new HashMap<>();
        members.put("IN-BRANCH", "B1");
        members.put("IN-GROUP", "G1");
        members.put("OTHER-BRANCH", "B2");
        members.put("NO-BRANCH", null);
        MeetingRequest in = request(ActivityType.BRANCH_ASSEMBLY, TODAY, List.of("IN-BRANCH", "IN-GROUP", "OTHER-BRANCH", "NO-BRANCH", "STRANGER"),
                List.of(new MeetingRequest.Absence("OTHER-BRANCH-2", "请假")));
        Checks checks = new Checks();
        MeetingRules.checkPeople(checks, in, members, Set.of("B1", "G1"), false, "第一党支部");
        assertEquals(List.of("attendees[2]", "attendees[3]", "attendees[4]", "absentees[0].memberId"),
                checks.violations().stream().map(Violation::field).toList());
        Checks top = new Checks();
        MeetingRules.checkPeople(top, request(ActivityType.CENTRAL_GROUP_STUDY, TODAY, List.of("NO-BRANCH"), List.of()), members,
                Set.of("C1", "B1", "G1", "B2"), true, "机关党委");
        assertEquals(List.of(), top.violations());
    }
}
