package cn.partybuilding.reporting.scoring;

import java.time.LocalDate;

/** One exam result of a member (once per member and exam; the latest grading). */
public record MemberExam(String memberId, String unitCode, String examId, LocalDate day, double score, boolean passed) {
}
