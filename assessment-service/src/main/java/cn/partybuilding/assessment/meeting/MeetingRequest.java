package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;
import java.util.List;

/**
 * The REST body of {@code POST /meetings} and {@code PUT /meetings/{id}} (the full state of the meeting). Who recorded it
 * comes from the token, never from here.
 *
 * @param durationMinutes how long it lasted: each attendee's completion's minutes (optional)
 * @param minutes         会议记录, the minutes as text (optional)
 */
public record MeetingRequest(String organizationId, ActivityType kind, LocalDate date, String topic, Integer durationMinutes,
                             String minutes, List<String> attendees, List<Absence> absentees) {
    /** A member who did not attend, with the reason (请假、出差 …), which is required. */
    public record Absence(String memberId, String reason) {
    }
}
