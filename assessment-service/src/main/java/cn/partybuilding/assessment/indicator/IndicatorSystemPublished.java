package cn.partybuilding.assessment.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * Payload of {@code indicator-system.published} (AsyncAPI schema IndicatorSystem): a whole version of a year's system,
 * built from {@link IndicatorSystem}. Its own records down to the indicator, so a field added to the stored or REST
 * shape does not change the contract; the enum values are the domain's (the contract lists the same ones).
 * {@code effectiveFrom} (YYYY-MM) is always sent; the contract keeps it optional for events published before it
 * (consumers read its absence as January).
 */
public record IndicatorSystemPublished(int year, int version, BigDecimal bonusCap, BigDecimal examPassScore,
                                       List<Dimension> dimensions, List<StudyPlanEntry> studyPlan, String effectiveFrom) {

    public record Dimension(String code, String name, BigDecimal weight, List<Indicator> indicators) {
    }

    /** activityTypes only for STUDY_RATE, platformPointsTarget only for PLATFORM_POINTS (absent otherwise). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(String code, String name, BigDecimal maxPoints, IndicatorSystem.Kind kind,
                            List<ActivityType> activityTypes, BigDecimal platformPointsTarget) {
    }

    public record StudyPlanEntry(ActivityType activityType, IndicatorSystem.Frequency frequency, IndicatorSystem.Attendees attendees) {
    }

    public static IndicatorSystemPublished of(IndicatorSystem system) {
        return new IndicatorSystemPublished(system.year(), system.version(), system.bonusCap(), system.examPassScore(),
                system.dimensions().stream().map(d -> new Dimension(d.code(), d.name(), d.weight(), d.indicators().stream()
                        .map(i -> new Indicator(i.code(), i.name(), i.maxPoints(), i.kind(), i.activityTypes(), i.platformPointsTarget()))
                        .toList())).toList(),
                system.studyPlan().stream().map(p -> new StudyPlanEntry(p.activityType(), p.frequency(), p.attendees())).toList(),
                system.effectiveMonth().toString());
    }
}
