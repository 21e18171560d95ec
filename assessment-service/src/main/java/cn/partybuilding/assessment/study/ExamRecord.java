package cn.partybuilding.assessment.study;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An exam result as stored and as the REST body; its event is {@link ExamGraded}. On input passScore and passed are
 * ignored: the pass score comes from the indicator system of the exam's year.
 */
public record ExamRecord(String memberId, String unitCode, String examId, LocalDate date, BigDecimal score, BigDecimal passScore,
                         Boolean passed) implements StudyRecord {
}
