package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.indicator.ActivityType;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * Payload of {@code study.completed} (AsyncAPI schema StudyCompletion), exactly the contract's fields. Built from the
 * stored {@link CompletionRecord} when this service publishes, and read from other systems' events on the study topic.
 * Never a REST body: a field added to the API must not change what is published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyCompleted(String memberId, String unitCode, ActivityType activityType, LocalDate date, Integer minutes, String meetingId) {
    public static StudyCompleted of(CompletionRecord r) {
        return new StudyCompleted(r.memberId(), r.unitCode(), r.activityType(), r.date(), r.minutes(), null);
    }

    /** A meeting attendee's completion: {@code meetingId} says where it came from (the drill-down's source). */
    public static StudyCompleted ofMeeting(CompletionRecord r, String meetingId) {
        return new StudyCompleted(r.memberId(), r.unitCode(), r.activityType(), r.date(), r.minutes(), meetingId);
    }

    CompletionRecord toRecord() {
        return new CompletionRecord(memberId, unitCode, activityType, date, minutes);
    }
}
