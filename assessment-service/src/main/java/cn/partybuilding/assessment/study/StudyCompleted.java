package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.indicator.ActivityType;

import java.time.LocalDate;

/** Payload of {@code study.completed} (AsyncAPI schema StudyCompletion); also the REST body (unitCode optional on input). */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record StudyCompleted(String memberId, String unitCode, ActivityType activityType, LocalDate date, Integer minutes)
        implements StudyRecord {
}
