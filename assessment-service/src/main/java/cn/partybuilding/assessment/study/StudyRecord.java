package cn.partybuilding.assessment.study;

import java.time.LocalDate;

/** What every study record has: whose, which unit, which day. */
public interface StudyRecord {
    String memberId();

    String unitCode();

    LocalDate date();
}
