package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;

/**
 * Payload of {@code study.withdrawn} (AsyncAPI schema StudyWithdrawal): the completion (memberId, activityType, date) no
 * longer counts because the meeting's revision took its member off the attendees (or moved the meeting).
 */
public record StudyWithdrawn(String memberId, String unitCode, ActivityType activityType, LocalDate date, String meetingId) {
}
