package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.Attendees;
import cn.partybuilding.reporting.scoring.Enums.Frequency;
import cn.partybuilding.reporting.scoring.Enums.IndicatorKind;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version of a year's indicator system as published by assessment-service (the fields scoring needs). It applies from
 * {@code effectiveFrom} (YYYY-MM) on until a later version applies; absent (events published before the field) = January.
 */
public record IndicatorSystem(int year, int version, Double bonusCap, Double examPassScore,
                              List<Dimension> dimensions, List<PlanItem> studyPlan, String effectiveFrom) {

    public IndicatorSystem {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        studyPlan = studyPlan == null ? List.of() : List.copyOf(studyPlan);
    }

    /** A version applying from January (the shape of the events before {@code effectiveFrom}). */
    public IndicatorSystem(int year, int version, Double bonusCap, Double examPassScore, List<Dimension> dimensions, List<PlanItem> studyPlan) {
        this(year, version, bonusCap, examPassScore, dimensions, studyPlan, null);
    }

    /** The first month this version applies to: {@code effectiveFrom}, January of its year when absent. */
    public YearMonth effectiveMonth() {
        return effectiveFrom == null ? YearMonth.of(year, 1) : YearMonth.parse(effectiveFrom);
    }

    public double bonusCapOrZero() {
        return bonusCap == null ? 0 : bonusCap;
    }

    public record Dimension(String code, String name, double weight, List<Indicator> indicators) {
        public Dimension {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
        }
    }

    public record Indicator(String code, String name, double maxPoints, IndicatorKind kind,
                            List<ActivityType> activityTypes, Double platformPointsTarget) {
        public Indicator {
            activityTypes = activityTypes == null ? List.of() : List.copyOf(activityTypes);
        }
    }

    public record PlanItem(ActivityType activityType, Frequency frequency, Attendees attendees) {
    }

    /** The same system with other dimension weights and indicator maxima (what-if); codes not named keep their values. */
    public IndicatorSystem withProposal(Map<String, Double> weights, Map<String, Double> maxPoints) {
        List<Dimension> changed = new ArrayList<>();
        for (Dimension d : dimensions) {
            List<Indicator> indicators = new ArrayList<>();
            for (Indicator i : d.indicators()) {
                double max = maxPoints.getOrDefault(i.code(), i.maxPoints());
                indicators.add(new Indicator(i.code(), i.name(), max, i.kind(), i.activityTypes(), i.platformPointsTarget()));
            }
            changed.add(new Dimension(d.code(), d.name(), weights.getOrDefault(d.code(), d.weight()), indicators));
        }
        return new IndicatorSystem(year, version, bonusCap, examPassScore, changed, studyPlan, effectiveFrom);
    }
}
