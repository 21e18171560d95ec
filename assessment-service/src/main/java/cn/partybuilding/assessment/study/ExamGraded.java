package cn.partybuilding.assessment.study;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Payload of {@code exam.graded} (AsyncAPI schema ExamResult), exactly the contract's fields. Built from the stored
 * {@link ExamRecord} when this service publishes, and read from other systems' events (passScore and passed may be
 * absent there). Never a REST body.
 */
public record ExamGraded(String memberId, String unitCode, String examId, LocalDate date, BigDecimal score, BigDecimal passScore,
                         Boolean passed) {
    public static ExamGraded of(ExamRecord r) {
        return new ExamGraded(r.memberId(), r.unitCode(), r.examId(), r.date(), r.score(), r.passScore(), r.passed());
    }
}
