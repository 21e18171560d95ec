package cn.partybuilding.assessment.study;

import java.time.LocalDate;

/** Payload of {@code platform-points.recorded} (AsyncAPI schema PlatformPoints): 学习强国 points of one member on one day. */
public record PlatformPointsRecorded(String memberId, String unitCode, LocalDate date, Integer points) implements StudyRecord {
}
