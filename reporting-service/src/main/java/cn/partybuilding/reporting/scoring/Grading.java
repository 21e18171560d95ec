package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Quarterly grades and annual results. */
public final class Grading {
    private Grading() {
    }

    public static QuarterlyGrade quarterly(double meanScore, double excellent, double good, double fair) {
        if (meanScore >= excellent) {
            return QuarterlyGrade.EXCELLENT;
        }
        if (meanScore >= good) {
            return QuarterlyGrade.GOOD;
        }
        if (meanScore >= fair) {
            return QuarterlyGrade.FAIR;
        }
        return QuarterlyGrade.POOR;
    }

    /** A unit's quarter: the mean of its monthly scores as shown (2 decimals) and its grade. */
    public record QuarterResult(double meanScore, QuarterlyGrade grade) {
    }

    /**
     * The quarter of one unit from its monthly scores: graded on the unrounded mean (89.99, 89.99, 90.01 average
     * 89.9967: 较好, though shown as 90.00). The mean is summed in decimal so that scores averaging exactly a
     * threshold (89.9, 90.1, 90.0) are not pushed below it by binary rounding.
     */
    public static QuarterResult quarter(List<Double> monthlyScores, double excellent, double good, double fair) {
        if (monthlyScores.isEmpty()) {
            return new QuarterResult(0, quarterly(0, excellent, good, fair));
        }
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double score : monthlyScores) {
            sum = sum.add(java.math.BigDecimal.valueOf(score));
        }
        java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(monthlyScores.size()), 10, java.math.RoundingMode.DOWN);
        QuarterlyGrade grade;
        if (mean.compareTo(java.math.BigDecimal.valueOf(excellent)) >= 0) {
            grade = QuarterlyGrade.EXCELLENT;
        } else if (mean.compareTo(java.math.BigDecimal.valueOf(good)) >= 0) {
            grade = QuarterlyGrade.GOOD;
        } else if (mean.compareTo(java.math.BigDecimal.valueOf(fair)) >= 0) {
            grade = QuarterlyGrade.FAIR;
        } else {
            grade = QuarterlyGrade.POOR;
        }
        return new QuarterResult(mean.setScale(2, java.math.RoundingMode.HALF_UP).doubleValue(), grade);
    }

    public record AnnualInput(String unitCode, double meanMonthly, Double debrief) {
    }

    public record AnnualResult(int rank, String unitCode, double meanMonthlyScore, Double debriefScore, double annualScore, boolean excellent) {
    }

    /**
     * annual = monthlyWeight × mean monthly + debriefWeight × debrief (a missing debrief counts 0);
     * ranked by annual score desc, then mean monthly desc, then unit code; the top {@code excellentUnits} are 党建工作优秀单位.
     */
    public static List<AnnualResult> annual(List<AnnualInput> inputs, double monthlyWeight, double debriefWeight, int excellentUnits) {
        record Scored(AnnualInput in, double annual) {
        }
        List<Scored> scored = new ArrayList<>();
        for (AnnualInput in : inputs) {
            double debrief = in.debrief() == null ? 0 : in.debrief();
            scored.add(new Scored(in, MonthlyScorer.round(monthlyWeight * in.meanMonthly() + debriefWeight * debrief, 2)));
        }
        scored.sort(Comparator.comparing(Scored::annual, Comparator.reverseOrder())
                .thenComparing(s -> s.in().meanMonthly(), Comparator.reverseOrder())
                .thenComparing(s -> s.in().unitCode()));
        List<AnnualResult> results = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            results.add(new AnnualResult(i + 1, s.in().unitCode(), MonthlyScorer.round(s.in().meanMonthly(), 2), s.in().debrief(),
                    s.annual(), i < excellentUnits));
        }
        return results;
    }

    public static double mean(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
