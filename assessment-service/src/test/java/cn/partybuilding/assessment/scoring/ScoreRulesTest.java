package cn.partybuilding.assessment.scoring;

import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Indicator;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Kind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScoreRulesTest {
    private static final Indicator MANUAL = new Indicator("P1", "x", new BigDecimal("40.00"), Kind.MANUAL, null, null);

    @Test
    void zeroToMaxPointsIsAccepted() {
        assertEquals(List.of(), ScoreRules.score(BigDecimal.ZERO, MANUAL).violations());
        assertEquals(List.of(), ScoreRules.score(new BigDecimal("40"), MANUAL).violations());
        assertEquals(List.of(), ScoreRules.score(new BigDecimal("39.75"), MANUAL).violations());
    }

    @Test
    void outsideTheRangeOrTooPreciseIsNamed() {
        assertEquals(List.of(new Violation("score", "不能大于 40.00")), ScoreRules.score(new BigDecimal("40.01"), MANUAL).violations());
        assertEquals(List.of(new Violation("score", "不能小于 0")), ScoreRules.score(new BigDecimal("-1"), MANUAL).violations());
        assertEquals(List.of(new Violation("score", "最多两位小数")), ScoreRules.score(new BigDecimal("10.125"), MANUAL).violations());
    }

    @Test
    void onlyManualIndicatorsTakeEnteredScores() {
        assertNull(ScoreRules.kindProblem(MANUAL));
        assertNotNull(ScoreRules.kindProblem(new Indicator("S", "x", BigDecimal.TEN, Kind.STUDY_RATE, List.of(), null)));
    }
}
