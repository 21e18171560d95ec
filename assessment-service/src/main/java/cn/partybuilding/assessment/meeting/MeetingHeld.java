package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;
import java.util.List;

/**
 * Payload of {@code meeting.recorded} / {@code meeting.revised} (AsyncAPI schema Meeting), exactly the contract's fields;
 * also read from other systems' meeting events. Never a REST body.
 */
public record MeetingHeld(String meetingId, Integer revision, String unitCode, String organizationId, ActivityType kind, LocalDate date,
                          String topic, Integer durationMinutes, String minutes, List<String> attendees, List<Absentee> absentees) {
    public record Absentee(String memberId, String reason) {
    }

    public static MeetingHeld of(MeetingView m) {
        return new MeetingHeld(m.meetingId(), m.revision(), m.unitCode(), m.organizationId(), m.kind(), m.date(), m.topic(),
                m.durationMinutes(), m.minutes(), List.copyOf(m.attendees()),
                m.absentees().stream().map(a -> new Absentee(a.memberId(), a.reason())).toList());
    }

    /** The facts as a request, to check them with the same rules as a REST body. */
    MeetingRequest toRequest() {
        return new MeetingRequest(organizationId, kind, date, topic, durationMinutes, minutes, attendees,
                absentees == null ? null : absentees.stream().map(a -> a == null ? null : new MeetingRequest.Absence(a.memberId(), a.reason())).toList());
    }
}
