package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.IndicatorKind;

import java.util.List;

/** A unit's month: composite, dimensions, indicators and the events behind each number. */
public record UnitScore(String unitCode, String unitName, boolean submitted, double composite, double weightedSum,
                        double bonuses, double deductions, double completionRate,
                        List<DimensionScore> dimensions, List<UnitFacts.Adjustment> bonusItems,
                        List<UnitFacts.Adjustment> deductionItems) {

    public record DimensionScore(String code, String name, double weight, double score, double weighted,
                                 List<IndicatorScore> indicators) {
    }

    /** {@code basis} says how the number came about (e.g. "7/8 required completions"). */
    public record IndicatorScore(String code, String name, IndicatorKind kind, double maxPoints, double score,
                                 String basis, List<String> eventIds) {
    }
}
