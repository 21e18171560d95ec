package cn.partybuilding.assessment.indicator;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Definition;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Dimension;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Indicator;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Kind;
import cn.partybuilding.assessment.indicator.IndicatorSystem.StudyPlanEntry;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes an indicator system valid: dimension weights sum to 100, each dimension's indicators' maxPoints
 * sum to 100, codes unique, kind-specific settings present. Plain Java; every violation names its field.
 */
public final class IndicatorSystemRules {
    public static final BigDecimal HUNDRED = new BigDecimal("100");
    public static final BigDecimal DEFAULT_PASS_SCORE = new BigDecimal("60");

    private IndicatorSystemRules() {
    }

    /** Fills defaults the contract documents (examPassScore 60). */
    public static Definition withDefaults(Definition in) {
        return new Definition(in.bonusCap(), in.examPassScore() == null ? DEFAULT_PASS_SCORE : in.examPassScore(),
                in.dimensions(), in.studyPlan() == null ? List.of() : in.studyPlan());
    }

    /** After validation: every number with two fraction digits, so equal systems compare equal. */
    public static Definition normalised(Definition in) {
        List<Dimension> dimensions = in.dimensions().stream().map(d -> new Dimension(d.code(), d.name().trim(), two(d.weight()),
                d.indicators().stream().map(i -> new Indicator(i.code(), i.name().trim(), two(i.maxPoints()), i.kind(),
                        i.kind() == Kind.STUDY_RATE ? List.copyOf(i.activityTypes()) : null,
                        i.kind() == Kind.PLATFORM_POINTS ? two(i.platformPointsTarget()) : null)).toList())).toList();
        return new Definition(two(in.bonusCap()), two(in.examPassScore()), dimensions, List.copyOf(in.studyPlan()));
    }

    private static boolean tooLong(Checks checks, String field, List<?> list, int max) {
        if (list != null && list.size() > max) {
            checks.add(field, "最多 " + max + " 项，收到 " + list.size());
            return true;
        }
        return false;
    }

    private static BigDecimal two(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Far above any county's system; a list longer than this is refused before its entries are looked at. */
    static final int MAX_DIMENSIONS = 20;
    static final int MAX_INDICATORS = 50;
    static final int MAX_PLAN_ENTRIES = 50;

    public static Checks validate(Definition in) {
        Checks checks = new Checks();
        if (tooLong(checks, "dimensions", in.dimensions(), MAX_DIMENSIONS) | tooLong(checks, "studyPlan", in.studyPlan(), MAX_PLAN_ENTRIES)) {
            return checks;
        }
        if (in.dimensions() != null) {
            for (int d = 0; d < in.dimensions().size(); d++) {
                Dimension dimension = in.dimensions().get(d);
                if (dimension != null && tooLong(checks, "dimensions[" + d + "].indicators", dimension.indicators(), MAX_INDICATORS)) {
                    return checks;
                }
                if (dimension != null && dimension.indicators() != null) {
                    for (int i = 0; i < dimension.indicators().size(); i++) {
                        Indicator indicator = dimension.indicators().get(i);
                        if (indicator != null && tooLong(checks, "dimensions[" + d + "].indicators[" + i + "].activityTypes",
                                indicator.activityTypes(), ActivityType.values().length)) {
                            return checks;
                        }
                    }
                }
            }
        }
        checks.range("bonusCap", in.bonusCap(), BigDecimal.ZERO, HUNDRED);
        checks.range("examPassScore", in.examPassScore(), BigDecimal.ZERO, HUNDRED);
        Set<ActivityType> planned = new HashSet<>();
        List<StudyPlanEntry> plan = in.studyPlan() == null ? List.of() : in.studyPlan();
        for (int i = 0; i < plan.size(); i++) {
            StudyPlanEntry entry = plan.get(i);
            String field = "studyPlan[" + i + "]";
            if (entry == null) {
                checks.add(field, "不能为空");
                continue;
            }
            if (checks.required(field + ".activityType", entry.activityType()) && !planned.add(entry.activityType())) {
                checks.add(field + ".activityType", "学习计划中重复: " + entry.activityType());
            }
            checks.required(field + ".frequency", entry.frequency());
            checks.required(field + ".attendees", entry.attendees());
        }
        if (in.dimensions() == null || in.dimensions().isEmpty()) {
            checks.add("dimensions", "至少需要一个一级指标");
            return checks;
        }
        BigDecimal weights = BigDecimal.ZERO;
        Set<String> dimensionCodes = new HashSet<>();
        Set<String> indicatorCodes = new HashSet<>();
        for (int d = 0; d < in.dimensions().size(); d++) {
            Dimension dimension = in.dimensions().get(d);
            String field = "dimensions[" + d + "]";
            if (dimension == null) {
                checks.add(field, "不能为空");
                continue;
            }
            if (checks.required(field + ".code", dimension.code()) && !dimensionCodes.add(dimension.code())) {
                checks.add(field + ".code", "一级指标编码重复: " + dimension.code());
            }
            checks.text(field + ".name", dimension.name(), 100);
            checks.range(field + ".weight", dimension.weight(), BigDecimal.ZERO, HUNDRED);
            if (dimension.weight() != null) {
                weights = weights.add(dimension.weight());
            }
            indicators(checks, field, dimension, indicatorCodes, planned);
        }
        if (weights.compareTo(HUNDRED) != 0) {
            checks.add("dimensions[].weight", "各一级指标权重之和应为 100，实际为 " + weights.stripTrailingZeros().toPlainString());
        }
        return checks;
    }

    private static void indicators(Checks checks, String dimensionField, Dimension dimension, Set<String> codes, Set<ActivityType> planned) {
        if (dimension.indicators() == null || dimension.indicators().isEmpty()) {
            checks.add(dimensionField + ".indicators", "至少需要一个二级指标");
            return;
        }
        BigDecimal points = BigDecimal.ZERO;
        for (int i = 0; i < dimension.indicators().size(); i++) {
            Indicator indicator = dimension.indicators().get(i);
            String field = dimensionField + ".indicators[" + i + "]";
            if (indicator == null) {
                checks.add(field, "不能为空");
                continue;
            }
            checks.code(field + ".code", indicator.code());
            if (indicator.code() != null && !codes.add(indicator.code())) {
                checks.add(field + ".code", "二级指标编码重复: " + indicator.code());
            }
            checks.text(field + ".name", indicator.name(), 200);
            checks.range(field + ".maxPoints", indicator.maxPoints(), new BigDecimal("0.01"), HUNDRED);
            if (indicator.maxPoints() != null) {
                points = points.add(indicator.maxPoints());
            }
            if (checks.required(field + ".kind", indicator.kind())) {
                kindSettings(checks, field, indicator, planned);
            }
        }
        if (points.compareTo(HUNDRED) != 0) {
            checks.add(dimensionField + ".indicators[].maxPoints", "一级指标下各二级指标满分之和应为 100，实际为 " + points.stripTrailingZeros().toPlainString());
        }
    }

    private static void kindSettings(Checks checks, String field, Indicator indicator, Set<ActivityType> planned) {
        if (indicator.kind() == Kind.STUDY_RATE) {
            if (indicator.activityTypes() == null || indicator.activityTypes().isEmpty()) {
                checks.add(field + ".activityTypes", "STUDY_RATE 指标必须列出学习活动类型");
            } else {
                indicator.activityTypes().stream().filter(t -> !planned.contains(t)).forEach(t ->
                        checks.add(field + ".activityTypes", "学习计划中没有该活动类型: " + t));
            }
        }
        if (indicator.kind() == Kind.PLATFORM_POINTS) {
            if (indicator.platformPointsTarget() == null || indicator.platformPointsTarget().signum() <= 0) {
                checks.add(field + ".platformPointsTarget", "PLATFORM_POINTS 指标必须给出大于 0 的积分目标");
            }
        }
    }
}
