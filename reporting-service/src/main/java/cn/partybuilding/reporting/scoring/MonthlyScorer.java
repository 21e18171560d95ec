package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.IndicatorSystem.Dimension;
import cn.partybuilding.reporting.scoring.IndicatorSystem.Indicator;
import cn.partybuilding.reporting.scoring.IndicatorSystem.PlanItem;
import cn.partybuilding.reporting.scoring.UnitScore.DimensionScore;
import cn.partybuilding.reporting.scoring.UnitScore.IndicatorScore;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The month's score of a unit (SPEC "Scoring"):
 * <ul>
 *   <li>MANUAL: the assessor's score (highest revision), capped at the indicator's max; none recorded = 0.</li>
 *   <li>STUDY_RATE: max × Σ min(done, required) ÷ Σ required over the unit's active members, for the plan items
 *       of the indicator's activity types (all plan items when it lists none). Nothing required = not applicable.</li>
 *   <li>EXAM_PASS_RATE: max × passed ÷ examined for exams dated in the month; no exam in the month = not applicable.</li>
 *   <li>PLATFORM_POINTS: max × min(1, (Σ points of the month ÷ active members) ÷ target); no members = not applicable.</li>
 *   <li>RESPONSIBILITY_LIST (issue 16.3): max × done ÷ due over the unit's 责任清单 items of the month's year due on or
 *       before the month's last day (the running score: on or before {@code asOf}), done = checked off with a done date
 *       on or before that day. Items not yet due do not count; none due = not applicable (no free points).</li>
 * </ul>
 * No free points: a not-applicable indicator scores nothing and its max is spread over the applicable indicators of its
 * dimension in proportion to their maxima (each is scaled by Σ max ÷ Σ applicable max); a dimension with no applicable
 * indicator gives its weight to the applicable dimensions in proportion to their weights. Dimension score = Σ indicator
 * scores; composite = Σ weight × dimension ÷ 100 + bonuses − deductions, clamped to [0, 100 + bonusCap], rounded to 2
 * decimals.
 */
public final class MonthlyScorer {
    private MonthlyScorer() {
    }

    public static UnitScore score(IndicatorSystem system, YearMonth month, UnitFacts facts) {
        return score(system, month, facts, null);
    }

    /**
     * The running score of the month on {@code asOf} (null: the whole month): the study indicators and the completion
     * rate compare what was done with what is due by that day ({@link StudyRequirements#dueBy}) instead of the whole
     * month's requirement. The early warning ranks units by it.
     */
    public static UnitScore score(IndicatorSystem system, YearMonth month, UnitFacts facts, LocalDate asOf) {
        if (asOf != null && !asOf.isBefore(month.atEndOfMonth())) {
            asOf = null; // from the month's last day on, everything is due: the month's own score
        }
        // first pass: each indicator as measured, and which of them (and of the dimensions) have anything to measure
        List<List<IndicatorScore>> measured = new ArrayList<>();
        double totalWeight = 0;
        double applicableWeight = 0;
        for (Dimension d : system.dimensions()) {
            List<IndicatorScore> indicators = new ArrayList<>();
            boolean any = false;
            for (Indicator indicator : d.indicators()) {
                IndicatorScore s = indicator(system, indicator, month, facts, asOf);
                indicators.add(s);
                any |= s != null;
            }
            measured.add(indicators);
            totalWeight += d.weight();
            applicableWeight += any ? d.weight() : 0;
        }
        // second pass: a not-applicable indicator's points go to the applicable ones of its dimension, a not-applicable
        // dimension's weight to the applicable dimensions, each in proportion to its own max / weight
        double weightFactor = applicableWeight > 0 ? totalWeight / applicableWeight : 0;
        List<DimensionScore> dimensions = new ArrayList<>();
        double weightedSum = 0;
        for (int di = 0; di < system.dimensions().size(); di++) {
            Dimension d = system.dimensions().get(di);
            double totalMax = 0;
            double applicableMax = 0;
            for (int ii = 0; ii < d.indicators().size(); ii++) {
                totalMax += d.indicators().get(ii).maxPoints();
                applicableMax += measured.get(di).get(ii) == null ? 0 : d.indicators().get(ii).maxPoints();
            }
            double factor = applicableMax > 0 ? totalMax / applicableMax : 0;
            List<IndicatorScore> indicators = new ArrayList<>();
            double dimensionScore = 0;
            for (int ii = 0; ii < d.indicators().size(); ii++) {
                Indicator indicator = d.indicators().get(ii);
                IndicatorScore s = measured.get(di).get(ii);
                if (s == null) {
                    indicators.add(new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), 0, 0,
                            "不适用（" + notApplicableReason(indicator) + "），其 " + fmt(indicator.maxPoints()) + " 分按分值比例计入本维度其他指标",
                            List.of()));
                    continue;
                }
                if (factor != 1.0) {
                    s = new IndicatorScore(s.code(), s.name(), s.kind(), round(s.maxPoints() * factor, 4), round(s.score() * factor, 4),
                            s.basis() + "（含不适用指标的分值）", s.eventIds());
                }
                indicators.add(s);
                dimensionScore += s.score();
            }
            double weight = applicableMax > 0 ? d.weight() * weightFactor : 0;
            double weighted = weight * dimensionScore / 100.0;
            weightedSum += weighted;
            dimensions.add(new DimensionScore(d.code(), d.name(), round(weight, 4), round(dimensionScore, 4), round(weighted, 4), indicators));
        }
        double bonuses = facts.bonuses().stream().mapToDouble(UnitFacts.Adjustment::points).sum();
        double deductions = facts.findings().stream().mapToDouble(UnitFacts.Adjustment::points).sum();
        double composite = clamp(weightedSum + bonuses - deductions, 0, 100 + system.bonusCapOrZero());
        return new UnitScore(facts.unitCode(), facts.unitName(), facts.submitted(), round(composite, 2), round(weightedSum, 4),
                round(bonuses, 2), round(deductions, 2), round(completionRate(system.studyPlan(), month, facts, null, asOf, new double[2]), 4),
                dimensions, List.copyOf(facts.bonuses()), List.copyOf(facts.findings()));
    }

    private static String notApplicableReason(Indicator indicator) {
        return switch (indicator.kind()) {
            case STUDY_RATE -> "本月无学习要求";
            case EXAM_PASS_RATE -> "本月无考试";
            case PLATFORM_POINTS -> "无在册党员";
            case RESPONSIBILITY_LIST -> "本月前无到期的责任清单事项";
            case MANUAL -> "";
        };
    }

    /** The indicator as measured at its own max, or null when it has nothing to measure in the month (not applicable). */
    private static IndicatorScore indicator(IndicatorSystem system, Indicator indicator, YearMonth month, UnitFacts facts, LocalDate asOf) {
        double max = indicator.maxPoints();
        return switch (indicator.kind()) {
            case MANUAL -> {
                UnitFacts.Manual manual = facts.manual().get(indicator.code());
                double score = manual == null ? 0 : clamp(manual.score(), 0, max);
                yield new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), max, round(score, 4),
                        manual == null ? "未评分" : "评分 " + fmt(manual.score()),
                        manual == null ? List.of() : List.of(manual.eventId()));
            }
            case STUDY_RATE -> {
                double[] doneDue = new double[2];
                double rate = completionRate(system.studyPlan(), month, facts, indicator, asOf, doneDue);
                yield doneDue[1] == 0 ? null : new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), max, round(max * rate, 4),
                        asOf == null ? "完成 " + (int) doneDue[0] + "/" + (int) doneDue[1]
                                : "截至 " + asOf + " 完成 " + fmt(doneDue[0]) + "/" + fmt(doneDue[1]),
                        facts.studyEventIds(indicator.activityTypes()));
            }
            case EXAM_PASS_RATE -> facts.examined() == 0 ? null
                    : new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), max,
                            round(max * facts.passed() / facts.examined(), 4), "合格 " + facts.passed() + "/" + facts.examined(), facts.examEventIds());
            case RESPONSIBILITY_LIST -> {
                LocalDate cut = asOf != null ? asOf : month.atEndOfMonth();
                List<UnitFacts.Duty> due = facts.duties().stream().filter(d -> !d.dueDate().isAfter(cut)).toList();
                long done = due.stream().filter(d -> d.doneBy(cut)).count();
                yield due.isEmpty() ? null : new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), max,
                        round(max * done / due.size(), 4), (asOf == null ? "" : "截至 " + asOf + " ") + "到期事项完成 " + done + "/" + due.size(),
                        due.stream().map(UnitFacts.Duty::eventId).toList());
            }
            case PLATFORM_POINTS -> {
                int members = facts.members().size();
                double target = indicator.platformPointsTarget() == null || indicator.platformPointsTarget() <= 0
                        ? 1 : indicator.platformPointsTarget();
                double mean = members == 0 ? 0 : (double) facts.points() / members;
                yield members == 0 ? null : new IndicatorScore(indicator.code(), indicator.name(), indicator.kind(), max,
                        round(max * Math.min(1.0, mean / target), 4),
                        "人均积分 " + fmt(mean) + " / 目标 " + fmt(target), facts.pointsEventIds());
            }
        };
    }

    /** Σ min(done, required) ÷ Σ required over the unit's members, for the plan items of {@code indicator} (null: all). */
    public static double completionRate(List<PlanItem> plan, YearMonth month, UnitFacts facts, Indicator indicator) {
        return completionRate(plan, month, facts, indicator, null, new double[2]);
    }

    private static double completionRate(List<PlanItem> plan, YearMonth month, UnitFacts facts, Indicator indicator, LocalDate asOf,
                                         double[] doneDue) {
        for (MemberFacts member : facts.members()) {
            double[] own = memberDoneDue(plan, month, member, indicator, asOf);
            doneDue[0] += own[0];
            doneDue[1] += own[1];
        }
        return doneDue[1] == 0 ? 1.0 : doneDue[0] / doneDue[1];
    }

    /** {done (capped per item), required} of one member in the month; {@code indicator} null = every plan item. */
    public static int[] memberDoneRequired(List<PlanItem> plan, YearMonth month, MemberFacts member, Indicator indicator) {
        double[] doneDue = memberDoneDue(plan, month, member, indicator, null);
        return new int[]{(int) doneDue[0], (int) doneDue[1]};
    }

    /**
     * {Σ min(done, due), Σ due} of one member over the plan items of {@code indicator} (null = every plan item), where due
     * is what {@link StudyRequirements#dueBy} says is due by {@code asOf}, or the month's requirement when {@code asOf} is
     * null (then both are whole numbers).
     */
    public static double[] memberDoneDue(List<PlanItem> plan, YearMonth month, MemberFacts member, Indicator indicator, LocalDate asOf) {
        double done = 0;
        double due = 0;
        int m = month.getMonthValue();
        for (PlanItem item : plan) {
            if (indicator != null && !indicator.activityTypes().isEmpty() && !indicator.activityTypes().contains(item.activityType())) {
                continue;
            }
            if (!StudyRequirements.attends(item.attendees(), member.role(), member.rank())) {
                continue;
            }
            double itemDue = asOf == null ? StudyRequirements.required(item, month) : StudyRequirements.dueBy(item, month, asOf);
            if (itemDue == 0) {
                continue;
            }
            due += itemDue;
            done += Math.min(itemDue, member.done(item.activityType(), StudyRequirements.windowStart(item, month), m));
        }
        return new double[]{done, due};
    }

    public static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Same text as {@code String.format(Locale.ROOT, "%.2f", value)} (half-up on the shortest decimal), without the Formatter. */
    static String fmt(double value) {
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
