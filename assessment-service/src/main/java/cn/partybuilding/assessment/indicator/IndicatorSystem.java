package cn.partybuilding.assessment.indicator;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A whole version of a year's indicator system: what is stored per version (as JSON) and what the REST endpoints
 * return. Its event is {@link IndicatorSystemPublished}, built from it. It applies from {@code effectiveFrom} (YYYY-MM)
 * on until a later version does ({@link EffectiveFromRule}); versions stored before the field apply from January.
 */
public record IndicatorSystem(int year, int version, BigDecimal bonusCap, BigDecimal examPassScore,
                                       List<Dimension> dimensions, List<StudyPlanEntry> studyPlan, String effectiveFrom) {

    /** A version applying from January of its year. */
    public IndicatorSystem(int year, int version, BigDecimal bonusCap, BigDecimal examPassScore, List<Dimension> dimensions,
                           List<StudyPlanEntry> studyPlan) {
        this(year, version, bonusCap, examPassScore, dimensions, studyPlan, null);
    }

    /** The first month this version applies to ({@code effectiveFrom}, January when absent). */
    public YearMonth effectiveMonth() {
        return effectiveFrom == null ? YearMonth.of(year, 1) : YearMonth.parse(effectiveFrom);
    }

    /** RESPONSIBILITY_LIST (issue 16.3): scored by reporting-service from the unit's 责任清单 (no settings of its own). */
    public enum Kind { MANUAL, STUDY_RATE, EXAM_PASS_RATE, PLATFORM_POINTS, RESPONSIBILITY_LIST }

    public enum Frequency { WEEKLY, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY }

    public enum Attendees { ALL_MEMBERS, COMMITTEE_MEMBERS, DEPUTY_DIVISION_OR_ABOVE }

    public record Dimension(String code, String name, BigDecimal weight, List<Indicator> indicators) {
    }

    /** activityTypes only for STUDY_RATE, platformPointsTarget only for PLATFORM_POINTS (absent otherwise). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Indicator(String code, String name, BigDecimal maxPoints, Kind kind, List<ActivityType> activityTypes,
                            BigDecimal platformPointsTarget) {
    }

    public record StudyPlanEntry(ActivityType activityType, Frequency frequency, Attendees attendees) {
    }

    /**
     * The editable part: what PUT /indicator-systems/{year} takes. {@code effectiveFrom} is optional (see
     * {@link EffectiveFromRule} for the default) and is not part of the system's content.
     */
    public record Definition(BigDecimal bonusCap, BigDecimal examPassScore, List<Dimension> dimensions,
                             List<StudyPlanEntry> studyPlan, String effectiveFrom) {

        public Definition(BigDecimal bonusCap, BigDecimal examPassScore, List<Dimension> dimensions, List<StudyPlanEntry> studyPlan) {
            this(bonusCap, examPassScore, dimensions, studyPlan, null);
        }
    }

    /** The content (weights, indicators, plan) without the month it applies from: what decides whether a PUT changes it. */
    public Definition definition() {
        return new Definition(bonusCap, examPassScore, dimensions, studyPlan);
    }

    public Optional<Indicator> indicator(String code) {
        return dimensions.stream().flatMap(d -> d.indicators().stream()).filter(i -> i.code().equals(code)).findFirst();
    }
}
