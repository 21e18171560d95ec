package cn.partybuilding.assessment.scoring;

import java.math.BigDecimal;

/** The REST view of a score revision (current score, history). The event payload is {@link AssessmentRecorded}. */
public record AssessmentRevision(String assessmentId, int revision, String unitCode, String indicatorCode, String period,
                                 BigDecimal score, BigDecimal previousScore, String reason, String assessor, String evidence,
                                 int systemYear, int systemVersion) {
    static AssessmentRevision of(AssessmentRow a, AssessmentRevisionRow r) {
        return new AssessmentRevision(a.assessmentId, r.key.revision(), a.unitCode, a.indicatorCode, a.period, r.score,
                r.previousScore, r.reason, r.assessor, r.evidence, a.systemYear, a.systemVersion);
    }
}
