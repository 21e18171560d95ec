package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.Attendees;
import cn.partybuilding.reporting.scoring.Enums.Frequency;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.IndicatorSystem.PlanItem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13.8: what is due by a day of the month, for the early warning on the 20th ({@link StudyRequirements#dueBy}), and
 * the running score that compares with it.
 */
class StudyDueTest {
    static final YearMonth AUGUST = YearMonth.of(2026, 8);
    static final LocalDate AUGUST_20 = LocalDate.of(2026, 8, 20);
    static final PlanItem WEEKLY = new PlanItem(ActivityType.WEEKLY_STUDY, Frequency.WEEKLY, Attendees.ALL_MEMBERS);
    static final PlanItem MONTHLY = new PlanItem(ActivityType.MONTHLY_DISCUSSION, Frequency.MONTHLY, Attendees.COMMITTEE_MEMBERS);
    static final PlanItem QUARTERLY = new PlanItem(ActivityType.QUARTERLY_LECTURE, Frequency.QUARTERLY, Attendees.ALL_MEMBERS);

    @Test
    void weeklySessionsDueAreTheMondaysOfTheMonthUpToThatDay() {
        // August 2026: Mondays 3, 10, 17, 24 and 31
        assertEquals(5, StudyRequirements.required(WEEKLY, AUGUST));
        assertEquals(3.0, StudyRequirements.dueBy(WEEKLY, AUGUST, AUGUST_20));
        assertEquals(0.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 8, 2)), "before the first Monday");
        assertEquals(1.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 8, 3)), "the week of Monday 3 August has started");
        assertEquals(4.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 8, 30)));
        assertEquals(5.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 8, 31)));
        assertEquals(5.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 9, 20)), "a past month: all of it");
        assertEquals(0.0, StudyRequirements.dueBy(WEEKLY, AUGUST, LocalDate.of(2026, 7, 20)), "a month not begun: nothing");
    }

    @Test
    void otherItemsAreDueProRataOfTheirWindowsDays() {
        assertEquals(20.0 / 31, StudyRequirements.dueBy(MONTHLY, AUGUST, AUGUST_20), 1e-9);
        assertEquals(1.0, StudyRequirements.dueBy(MONTHLY, AUGUST, LocalDate.of(2026, 8, 31)));
        // a quarterly lecture is required in the quarter's last month only, counting the whole quarter
        assertEquals(0.0, StudyRequirements.dueBy(QUARTERLY, AUGUST, AUGUST_20), "second month of the quarter: nothing required");
        assertEquals(82.0 / 92, StudyRequirements.dueBy(QUARTERLY, YearMonth.of(2026, 9), LocalDate.of(2026, 9, 20)), 1e-9,
                "1 July to 20 September of the quarter's 92 days");
    }

    @Test
    void fourOfEightWeeklySessionsOnTheTwentiethOfAugustAreOnTrack() {
        // two members, two sessions each by 20 August: 4 of the month's 10, but 4 of the 6 due by then
        MemberFacts a = ScoringTest.member("A", MemberRole.MEMBER).count(ActivityType.WEEKLY_STUDY, 8, 2);
        MemberFacts b = ScoringTest.member("B", MemberRole.MEMBER).count(ActivityType.WEEKLY_STUDY, 8, 2);
        assertArrayEquals(new double[]{2, 5}, MonthlyScorer.memberDoneDue(List.of(WEEKLY), AUGUST, a, null, null));
        assertArrayEquals(new double[]{2, 3}, MonthlyScorer.memberDoneDue(List.of(WEEKLY), AUGUST, a, null, AUGUST_20));
        // a secretary who also had the monthly discussion already: (2 + 1) of (3 + 20/31), the discussion capped at what is due
        MemberFacts s = ScoringTest.member("S", MemberRole.SECRETARY).count(ActivityType.WEEKLY_STUDY, 8, 2)
                .count(ActivityType.MONTHLY_DISCUSSION, 8, 1);
        double[] secretary = MonthlyScorer.memberDoneDue(List.of(WEEKLY, MONTHLY), AUGUST, s, null, AUGUST_20);
        assertEquals(2 + 20.0 / 31, secretary[0], 1e-9);
        assertEquals(3 + 20.0 / 31, secretary[1], 1e-9);

        UnitFacts unit = new UnitFacts("U1", "单位一").member(a).member(b).manual("P1", 60, "e1");
        UnitScore month = MonthlyScorer.score(ScoringTest.system(), AUGUST, unit);
        UnitScore running = MonthlyScorer.score(ScoringTest.system(), AUGUST, unit, AUGUST_20);
        assertEquals(40 * 4.0 / 10, month.dimensions().get(0).indicators().get(1).score(), 1e-4, "P2 over the whole month");
        assertEquals(40 * 4.0 / 6, running.dimensions().get(0).indicators().get(1).score(), 1e-4, "P2 over what is due by the 20th");
        assertEquals("截至 2026-08-20 完成 4.00/6.00", running.dimensions().get(0).indicators().get(1).basis());
        assertEquals(4.0 / 6, running.completionRate(), 1e-4);
        assertEquals(MonthlyScorer.score(ScoringTest.system(), AUGUST, unit, LocalDate.of(2026, 8, 31)), month,
                "on the month's last day the running score is the month's score");
    }
}
