package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;

/** A study completion (周学、月谈 …) as stored and as the REST body (unitCode optional on input); its event is {@link StudyCompleted}. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CompletionRecord(String memberId, String unitCode, ActivityType activityType, LocalDate date, Integer minutes)
        implements StudyRecord {
}
