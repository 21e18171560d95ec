package cn.partybuilding.assessment.study;

import java.time.LocalDate;

/**
 * Payload of {@code platform-points.recorded} (AsyncAPI schema PlatformPoints): 学习强国 points of one member on one
 * day. Built from the stored {@link PointsRecord} when this service publishes, and read from other systems' events.
 * Never a REST body.
 */
public record PlatformPointsRecorded(String memberId, String unitCode, LocalDate date, Integer points) {
    public static PlatformPointsRecorded of(PointsRecord r) {
        return new PlatformPointsRecorded(r.memberId(), r.unitCode(), r.date(), r.points());
    }

    PointsRecord toRecord() {
        return new PointsRecord(memberId, unitCode, date, points);
    }
}
