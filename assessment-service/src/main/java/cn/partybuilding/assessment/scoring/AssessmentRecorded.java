package cn.partybuilding.assessment.scoring;

import java.math.BigDecimal;

/**
 * Payload of {@code assessment.recorded} and {@code assessment.corrected} (a correction records a new revision; the
 * AsyncAPI gives both the one schema Assessment, so one record serves both types). Built from the stored score and
 * revision; never a REST body ({@link AssessmentRevision} is).
 */
public record AssessmentRecorded(String assessmentId, int revision, String unitCode, String indicatorCode, String period,
                                 BigDecimal score, BigDecimal previousScore, String reason, String assessor, String evidence,
                                 int systemYear, int systemVersion) {
    public static AssessmentRecorded of(AssessmentRow a, AssessmentRevisionRow r) {
        return new AssessmentRecorded(a.assessmentId, r.key.revision(), a.unitCode, a.indicatorCode, a.period, r.score,
                r.previousScore, r.reason, r.assessor, r.evidence, a.systemYear, a.systemVersion);
    }
}
