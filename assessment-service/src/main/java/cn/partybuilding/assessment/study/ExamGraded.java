package cn.partybuilding.assessment.study;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Payload of {@code exam.graded} (AsyncAPI schema ExamResult); also the REST body. On input passScore and passed are
 * ignored: the pass score comes from the indicator system of the exam's year.
 */
public record ExamGraded(String memberId, String unitCode, String examId, LocalDate date, BigDecimal score, BigDecimal passScore,
                         Boolean passed) implements StudyRecord {
}
