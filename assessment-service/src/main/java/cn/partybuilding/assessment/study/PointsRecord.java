package cn.partybuilding.assessment.study;

import java.time.LocalDate;

/** 学习强国 points of one member on one day, as stored and as the REST body; its event is {@link PlatformPointsRecorded}. */
public record PointsRecord(String memberId, String unitCode, LocalDate date, Integer points) implements StudyRecord {
}
