package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.ActivityType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyKindsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 10, 9);

    @Test
    void naturalKeysAreMemberActivityDateMemberExamAndMemberDate() {
        assertEquals(StudyKinds.COMPLETION.key(new CompletionRecord("M1", null, ActivityType.WEEKLY_STUDY, DAY, 30)),
                StudyKinds.COMPLETION.key(new CompletionRecord("M1", "U1", ActivityType.WEEKLY_STUDY, DAY, 90)));
        assertEquals(StudyKinds.EXAM.key(new ExamRecord("M1", null, "E1", DAY, BigDecimal.ONE, null, null)),
                StudyKinds.EXAM.key(new ExamRecord("M1", null, "E1", DAY.plusDays(1), BigDecimal.TEN, null, null)));
        assertEquals(StudyKinds.POINTS.key(new PointsRecord("M1", null, DAY, 10)),
                StudyKinds.POINTS.key(new PointsRecord("M1", null, DAY, 20)));
    }

    @Test
    void anExamPassesAtThePassScore() {
        ExamRecord at = StudyKinds.EXAM.complete(new ExamRecord("M1", null, "E1", DAY, new BigDecimal("60"), null, true), "U1", y -> new BigDecimal("60.00"));
        ExamRecord below = StudyKinds.EXAM.complete(new ExamRecord("M1", null, "E1", DAY, new BigDecimal("59.5"), null, true), "U1", y -> new BigDecimal("60.00"));
        assertTrue(at.passed());
        assertFalse(below.passed());
        assertEquals("U1", below.unitCode());
        assertEquals(new BigDecimal("60.00"), below.passScore());
    }

    @Test
    void fieldRulesNameTheRowField() {
        Checks checks = new Checks();
        StudyKinds.COMPLETION.check(checks, "completions[4].", new CompletionRecord("M1", null, null, DAY, 2000));
        StudyKinds.POINTS.check(checks, "points[0].", new PointsRecord("M1", null, DAY, -1));
        assertEquals("[completions[4].activityType, completions[4].minutes, points[0].points]",
                checks.violations().stream().map(v -> v.field()).toList().toString());
    }
}
