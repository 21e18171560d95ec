package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A meeting as the REST API answers it; its event payload is {@link MeetingHeld}. */
public record MeetingView(String meetingId, int revision, String unitCode, String organizationId, ActivityType kind, LocalDate date,
                          String topic, Integer durationMinutes, String minutes, List<String> attendees,
                          List<MeetingRequest.Absence> absentees, String source, String recordedBy, OffsetDateTime recordedAt,
                          OffsetDateTime revisedAt) {
}
