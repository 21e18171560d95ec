package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.IndicatorKind;
import cn.partybuilding.reporting.scoring.IndicatorSystem.Dimension;
import cn.partybuilding.reporting.scoring.IndicatorSystem.Indicator;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RESPONSIBILITY_LIST (issue 16.3) as a plain rule: max × done ÷ due by the month's end (or the running day). */
class ResponsibilityListScoreTest {
    private static final IndicatorSystem SYSTEM = new IndicatorSystem(2026, 1, 5.0, 60.0, List.of(new Dimension("POLITICAL", "政治建设", 100,
            List.of(new Indicator("P1", "评分", 60, IndicatorKind.MANUAL, null, null),
                    new Indicator("R1", "责任清单", 40, IndicatorKind.RESPONSIBILITY_LIST, null, null)))), List.of());

    private static UnitFacts unit() {
        return new UnitFacts("U1", "县档案馆").manual("P1", 60, "e0")
                .duty(new UnitFacts.Duty("a", LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 20), "e1"))
                .duty(new UnitFacts.Duty("b", LocalDate.of(2026, 4, 15), null, "e2"))
                .duty(new UnitFacts.Duty("c", LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 2), "e3"));
    }

    @Test
    void theShareOfItemsDueByTheMonthsEndDoneByThen() {
        UnitScore april = MonthlyScorer.score(SYSTEM, YearMonth.of(2026, 4), unit());
        UnitScore.IndicatorScore r1 = april.dimensions().get(0).indicators().get(1);
        assertEquals("到期事项完成 1/3", r1.basis());
        assertEquals(13.3333, r1.score());
        assertEquals(List.of("e1", "e2", "e3"), r1.eventIds());
        assertEquals(73.33, april.composite());
    }

    @Test
    void theRunningScoreCountsOnlyWhatIsDueByTheDay() {
        UnitScore onThe20th = MonthlyScorer.score(SYSTEM, YearMonth.of(2026, 4), unit(), LocalDate.of(2026, 4, 20));
        assertEquals("截至 2026-04-20 到期事项完成 1/2", onThe20th.dimensions().get(0).indicators().get(1).basis());
    }

    @Test
    void nothingDueMakesTheIndicatorNotApplicable() {
        UnitScore march = MonthlyScorer.score(SYSTEM, YearMonth.of(2026, 2), unit());
        assertEquals(0.0, march.dimensions().get(0).indicators().get(1).maxPoints());
        assertEquals(100.0, march.composite(), "P1's 60 of 60 becomes 100 of 100: no free points, none lost");
    }
}
