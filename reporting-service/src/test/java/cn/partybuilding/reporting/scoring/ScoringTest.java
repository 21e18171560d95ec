package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.Attendees;
import cn.partybuilding.reporting.scoring.Enums.Frequency;
import cn.partybuilding.reporting.scoring.Enums.IndicatorKind;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.IndicatorSystem.Dimension;
import cn.partybuilding.reporting.scoring.IndicatorSystem.Indicator;
import cn.partybuilding.reporting.scoring.IndicatorSystem.PlanItem;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scoring rules as plain functions (SPEC "Scoring"). */
class ScoringTest {
    static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void weeklyRequirementIsTheNumberOfWeeksStartingInTheMonth() {
        PlanItem weekly = new PlanItem(ActivityType.WEEKLY_STUDY, Frequency.WEEKLY, Attendees.ALL_MEMBERS);
        assertEquals(5, StudyRequirements.required(weekly, NOV), "Mondays 2, 9, 16, 23, 30 November 2026");
        assertEquals(4, StudyRequirements.required(weekly, YearMonth.of(2026, 10)));
        assertEquals(4, StudyRequirements.required(weekly, YearMonth.of(2026, 2)));
    }

    @Test
    void weeklyStudyEveryFridayIsCompleteInEveryMonthOf2026() {
        // the demo county studies on Fridays; a week belongs to the month of its Monday, so Friday 3 April 2026 is
        // the fifth week of March (Mondays 2, 9, 16, 23, 30 March)
        PlanItem weekly = new PlanItem(ActivityType.WEEKLY_STUDY, Frequency.WEEKLY, Attendees.ALL_MEMBERS);
        MemberFacts m = member("M1", MemberRole.MEMBER);
        // every Friday from 2 January 2026 to 1 January 2027 (the Friday of the week of Monday 28 December)
        for (java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 2); day.isBefore(java.time.LocalDate.of(2027, 1, 2)); day = day.plusWeeks(1)) {
            YearMonth counted = StudyRequirements.countingMonth(Frequency.WEEKLY, day);
            java.time.LocalDate[] days = StudyRequirements.countingDays(weekly, counted);
            assertEquals(true, !day.isBefore(days[0]) && !day.isAfter(days[1]), day + " lies in the days counted for " + counted);
            if (counted.getYear() == 2026) {
                m.count(ActivityType.WEEKLY_STUDY, counted.getMonthValue(), 1);
            }
        }
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(2026, month);
            int[] doneRequired = MonthlyScorer.memberDoneRequired(List.of(weekly), ym, m, null);
            assertEquals(doneRequired[1], doneRequired[0], "weekly study of " + ym + " every Friday: done/required");
        }
        assertEquals(YearMonth.of(2026, 3), StudyRequirements.countingMonth(Frequency.WEEKLY, java.time.LocalDate.of(2026, 4, 3)));
        assertEquals(YearMonth.of(2026, 4), StudyRequirements.countingMonth(Frequency.MONTHLY, java.time.LocalDate.of(2026, 4, 3)));
        // the days counted for March's weeks: Monday 2 March to Sunday 5 April
        assertEquals(List.of(java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 4, 5)),
                List.of(StudyRequirements.countingDays(weekly, YearMonth.of(2026, 3))));
    }

    @Test
    void quarterlyHalfYearlyAndYearlyItemsAreDueInTheirLastMonthAndCountTheWholeWindow() {
        PlanItem quarterly = new PlanItem(ActivityType.QUARTERLY_LECTURE, Frequency.QUARTERLY, Attendees.ALL_MEMBERS);
        PlanItem yearly = new PlanItem(ActivityType.ANNUAL_REVIEW, Frequency.YEARLY, Attendees.ALL_MEMBERS);
        PlanItem half = new PlanItem(ActivityType.PARTY_LECTURE, Frequency.HALF_YEARLY, Attendees.ALL_MEMBERS);
        assertEquals(0, StudyRequirements.required(quarterly, NOV));
        assertEquals(1, StudyRequirements.required(quarterly, YearMonth.of(2026, 12)));
        assertEquals(10, StudyRequirements.windowStart(quarterly, YearMonth.of(2026, 12)));
        assertEquals(1, StudyRequirements.required(half, YearMonth.of(2026, 6)));
        assertEquals(7, StudyRequirements.windowStart(half, YearMonth.of(2026, 12)));
        assertEquals(0, StudyRequirements.required(yearly, NOV));
        assertEquals(1, StudyRequirements.windowStart(yearly, YearMonth.of(2026, 12)));

        // a lecture attended in October satisfies the quarter's requirement checked in December
        MemberFacts m = member("M1", MemberRole.MEMBER).count(ActivityType.QUARTERLY_LECTURE, 10, 1);
        int[] doneRequired = MonthlyScorer.memberDoneRequired(List.of(quarterly), YearMonth.of(2026, 12), m, null);
        assertEquals(1, doneRequired[0]);
        assertEquals(1, doneRequired[1]);
    }

    @Test
    void attendeesFilterDecidesWhoIsRequired() {
        assertEquals(true, StudyRequirements.attends(Attendees.COMMITTEE_MEMBERS, MemberRole.SECRETARY, MemberRank.OTHER));
        assertEquals(true, StudyRequirements.attends(Attendees.COMMITTEE_MEMBERS, MemberRole.COMMITTEE_MEMBER, MemberRank.OTHER));
        assertEquals(false, StudyRequirements.attends(Attendees.COMMITTEE_MEMBERS, MemberRole.MEMBER, MemberRank.DEPUTY_DIVISION_OR_ABOVE));
        assertEquals(true, StudyRequirements.attends(Attendees.DEPUTY_DIVISION_OR_ABOVE, MemberRole.MEMBER, MemberRank.DEPUTY_DIVISION_OR_ABOVE));
        assertEquals(false, StudyRequirements.attends(Attendees.DEPUTY_DIVISION_OR_ABOVE, MemberRole.SECRETARY, MemberRank.SECTION_OR_BELOW));
    }

    static IndicatorSystem system() {
        return new IndicatorSystem(2026, 1, 5.0, 60.0, List.of(
                new Dimension("POLITICAL", "政治建设", 40, List.of(
                        new Indicator("P1", "理论学习", 60, IndicatorKind.MANUAL, null, null),
                        new Indicator("P2", "周学", 40, IndicatorKind.STUDY_RATE, List.of(ActivityType.WEEKLY_STUDY), null))),
                new Dimension("IDEOLOGICAL", "思想建设", 60, List.of(
                        new Indicator("I1", "测试", 50, IndicatorKind.EXAM_PASS_RATE, null, null),
                        new Indicator("I2", "学习强国", 50, IndicatorKind.PLATFORM_POINTS, null, 200.0)))),
                List.of(new PlanItem(ActivityType.WEEKLY_STUDY, Frequency.WEEKLY, Attendees.ALL_MEMBERS),
                        new PlanItem(ActivityType.MONTHLY_DISCUSSION, Frequency.MONTHLY, Attendees.COMMITTEE_MEMBERS)));
    }

    static MemberFacts member(String id, MemberRole role) {
        return new MemberFacts(id, id, "U1", "O1", role, MemberRank.SECTION_OR_BELOW, null);
    }

    @Test
    void eachIndicatorKindIsScoredAndWeighted() {
        // November: 5 weekly sessions each; the secretary also 1 discussion. Done: S 5 weekly + 1 discussion, M 3 weekly (and 7 reported: capped).
        UnitFacts facts = new UnitFacts("U1", "单位一")
                .member(member("S", MemberRole.SECRETARY).count(ActivityType.WEEKLY_STUDY, 11, 5).count(ActivityType.MONTHLY_DISCUSSION, 11, 1))
                .member(member("M", MemberRole.MEMBER).count(ActivityType.WEEKLY_STUDY, 11, 3))
                .member(member("X", MemberRole.MEMBER).count(ActivityType.WEEKLY_STUDY, 11, 7))
                .manual("P1", 70, "e1") // above max 60: capped
                .exams(4, 3)
                .points(300) // 3 members → 100 per member, target 200 → half
                .bonus(new UnitFacts.Adjustment("b", 2, null, "e2"))
                .finding(new UnitFacts.Adjustment("f", 1.5, "巡察", "e3"));
        UnitScore score = MonthlyScorer.score(system(), NOV, facts);
        // P1 60, P2 40 × (5+3+5)/15 = 34.6667 → POLITICAL 94.6667 × 0.4 = 37.8667
        // I1 50 × 3/4 = 37.5, I2 50 × 0.5 = 25 → IDEOLOGICAL 62.5 × 0.6 = 37.5
        // composite 75.3667 + 2 − 1.5 = 75.87
        assertEquals(94.6667, score.dimensions().get(0).score(), 1e-4);
        assertEquals(62.5, score.dimensions().get(1).score(), 1e-9);
        assertEquals(75.87, score.composite());
        assertEquals("完成 13/15", score.dimensions().get(0).indicators().get(1).basis());
        // whole plan: weekly 13/15 + discussion 1/1 → 14/16
        assertEquals(0.875, score.completionRate());
        assertEquals(List.of("e1"), score.dimensions().get(0).indicators().get(0).eventIds());
    }

    @Test
    void anIndicatorWithNothingToMeasureGivesItsPointsToTheDimensionsOtherIndicators() {
        // November, no exam held: I1 (50 of IDEOLOGICAL's 100) is not applicable, so I2 carries the dimension's 100 points;
        // half the points target (100 per member of 200) is then half the dimension, not 50 free points + 25
        UnitFacts facts = new UnitFacts("U1", "单位一")
                .member(member("S", MemberRole.SECRETARY).count(ActivityType.WEEKLY_STUDY, 11, 5))
                .member(member("M", MemberRole.MEMBER).count(ActivityType.WEEKLY_STUDY, 11, 5))
                .manual("P1", 30, "e1")
                .points(200);
        UnitScore score = MonthlyScorer.score(system(), NOV, facts);
        // POLITICAL 30 + 40 = 70 → 28; IDEOLOGICAL 25 × 100/50 = 50 → 30; composite 58 (was 28 + 0.6 × 75 = 73)
        assertEquals(70.0, score.dimensions().get(0).score(), 1e-9);
        assertEquals(50.0, score.dimensions().get(1).score(), 1e-9, "no free points for the exam nobody held");
        assertEquals(58.0, score.composite());
        UnitScore.IndicatorScore exam = score.dimensions().get(1).indicators().get(0);
        assertEquals(0.0, exam.score());
        assertEquals(true, exam.basis().startsWith("不适用"), exam.basis());
        UnitScore.IndicatorScore points = score.dimensions().get(1).indicators().get(1);
        assertEquals(List.of(100.0, 50.0), List.of(points.maxPoints(), points.score()), "I2 carries I1's 50 points this month");
    }

    @Test
    void aUnitWithNothingToMeasureAndNoScoreHasNoPointsAndTheCompositeIsClamped() {
        // no members (nothing required, no points to average), no exam, no score: every indicator but the MANUAL P1 is not
        // applicable, IDEOLOGICAL as a whole too (its weight goes to POLITICAL), and P1 was not scored → 0 (was 0.4 × 40 + 0.6 × 50 = 46)
        UnitFacts empty = new UnitFacts("U2", null);
        UnitScore score = MonthlyScorer.score(system(), NOV, empty);
        assertEquals(0.0, score.composite());
        assertEquals(false, score.submitted());
        // the same unit with P1 at 45 of 60: POLITICAL 45 × 100/60 = 75, carrying the whole weight → 75
        assertEquals(75.0, MonthlyScorer.score(system(), NOV, new UnitFacts("U2", null).manual("P1", 45, "e")).composite());

        UnitFacts lots = new UnitFacts("U3", null).manual("P1", 60, "e").bonus(new UnitFacts.Adjustment("b", 50, null, "e"));
        assertEquals(105.0, MonthlyScorer.score(system(), NOV, lots).composite(), "100 + bonus cap 5");
        UnitFacts bad = new UnitFacts("U4", null).manual("P1", 0, "e").finding(new UnitFacts.Adjustment("f", 200, null, "e"));
        assertEquals(0.0, MonthlyScorer.score(system(), NOV, bad).composite());
    }

    static UnitScore unit(String code, boolean submitted, double score, double rate, double deductions) {
        return new UnitScore(code, code, submitted, score, score, 0, deductions, rate, List.of(), List.of(), List.of());
    }

    @Test
    void rankingBreaksTiesAndLeavesNotSubmittedUnitsUnranked() {
        List<UnitScore> scores = new ArrayList<>(List.of(
                unit("A", true, 80, 0.5, 0),
                unit("B", true, 90, 0.5, 0),
                unit("C", true, 80, 0.9, 0),  // same score as A, better rate
                unit("D", true, 80, 0.5, 1),  // same score and rate as A, more deductions
                unit("E", true, 80, 0.5, 0),  // equal to A in everything: code decides
                unit("Z", false, 99, 1, 0),   // not submitted: no rank, no tier, whatever its facts add up to
                unit("F", true, 70, 1, 0),
                unit("G", true, 60, 1, 0),
                unit("H", true, 50, 1, 0),
                unit("I", true, 40, 1, 0),
                unit("J", true, 30, 1, 0)));
        List<RankedUnit> ranked = RankingCalculator.rank(scores, Map.of("B", 3, "Z", 1), 20, 10);
        assertEquals(List.of("B", "C", "A", "E", "D", "F", "G", "H", "I", "J"), ranked.stream().map(RankedUnit::unitCode).toList());
        // 10 submitted: top floor(2) ADVANCED, bottom ceil(1) LAGGING
        assertEquals(List.of(Tier.ADVANCED, Tier.ADVANCED, Tier.MIDDLE, Tier.MIDDLE, Tier.MIDDLE, Tier.MIDDLE, Tier.MIDDLE, Tier.MIDDLE,
                Tier.MIDDLE, Tier.LAGGING), ranked.stream().map(RankedUnit::tier).toList());
        assertTrue(ranked.stream().allMatch(e -> e.status() == Status.SUBMITTED));
        assertEquals(2, ranked.get(0).rankChange(), "B moved up from 3 to 1");
        assertEquals(null, ranked.get(1).previousRank());
        assertEquals(List.of(new NotSubmittedUnit("Z", "Z")), RankingCalculator.notSubmitted(scores));
    }

    @Test
    void aMonthWithoutAnySubmissionHasNoRankingAndNoTiers() {
        List<UnitScore> nobody = List.of(unit("A", false, 7.5, 0, 0), unit("B", false, 7.5, 0, 0), unit("C", false, 0, 0, 0));
        assertEquals(List.of(), RankingCalculator.rank(nobody, Map.of(), 20, 10), "nobody is 后进 when nobody was assessed");
        assertEquals(List.of("A", "B", "C"), RankingCalculator.notSubmitted(nobody).stream().map(NotSubmittedUnit::unitCode).toList());
    }

    @Test
    void laggingShareIsRoundedUpAndAdvancedRoundedDown() {
        List<UnitScore> three = List.of(unit("A", true, 90, 1, 0), unit("B", true, 80, 1, 0), unit("C", true, 70, 1, 0));
        List<RankedUnit> ranked = RankingCalculator.rank(three, Map.of(), 20, 10);
        assertEquals(List.of(Tier.MIDDLE, Tier.MIDDLE, Tier.LAGGING), ranked.stream().map(RankedUnit::tier).toList());
    }

    @Test
    void quarterlyGradesAndAnnualResults() {
        assertEquals(QuarterlyGrade.EXCELLENT, Grading.quarterly(90, 90, 80, 60));
        assertEquals(QuarterlyGrade.GOOD, Grading.quarterly(89.99, 90, 80, 60));
        assertEquals(QuarterlyGrade.FAIR, Grading.quarterly(60, 90, 80, 60));
        assertEquals(QuarterlyGrade.POOR, Grading.quarterly(59.99, 90, 80, 60));
        assertEquals("差", QuarterlyGrade.POOR.label());

        List<Grading.AnnualResult> results = Grading.annual(List.of(
                new Grading.AnnualInput("A", 90, 80.0),   // 63 + 24 = 87
                new Grading.AnnualInput("B", 80, 100.0),  // 56 + 30 = 86
                new Grading.AnnualInput("C", 95, null)),  // 66.5 + 0
                0.7, 0.3, 1);
        assertEquals(List.of("A", "B", "C"), results.stream().map(Grading.AnnualResult::unitCode).toList());
        assertEquals(List.of(87.0, 86.0, 66.5), results.stream().map(Grading.AnnualResult::annualScore).toList());
        assertEquals(List.of(true, false, false), results.stream().map(Grading.AnnualResult::excellent).toList());
    }

    @Test
    void aQuarterIsGradedOnItsUnroundedMeanAndShowsTheRoundedOne() {
        // 89.99, 89.99, 90.01 average 89.9967: shown as 90.00 but below the 好 threshold of 90
        Grading.QuarterResult q = Grading.quarter(List.of(89.99, 89.99, 90.01), 90, 80, 60);
        assertEquals(90.0, q.meanScore());
        assertEquals(QuarterlyGrade.GOOD, q.grade(), "graded on 89.9967, not on the shown 90.00");
        assertEquals(QuarterlyGrade.EXCELLENT, Grading.quarter(List.of(89.9, 90.1, 90.0), 90, 80, 60).grade(), "exactly 90 is 好");
        assertEquals(89.99, Grading.quarter(List.of(89.98, 89.99, 90.0), 90, 80, 60).meanScore());
    }

    @Test
    void mondaysAndTwoDecimalTextMatchTheSlowForms() {
        for (YearMonth m = YearMonth.of(2024, 1); m.isBefore(YearMonth.of(2032, 1)); m = m.plusMonths(1)) {
            int counted = 0;
            for (int day = 1; day <= m.lengthOfMonth(); day++) {
                counted += m.atDay(day).getDayOfWeek() == java.time.DayOfWeek.MONDAY ? 1 : 0;
            }
            assertEquals(counted, StudyRequirements.mondays(m), m.toString());
        }
        for (double v : new double[]{0, 0.005, 0.015, 1.005, 2.675, 12.345, 14.285714285714286, 99.995, 300, 7.1, 1e-9, -1.5}) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v), MonthlyScorer.fmt(v), Double.toString(v));
        }
    }
}
