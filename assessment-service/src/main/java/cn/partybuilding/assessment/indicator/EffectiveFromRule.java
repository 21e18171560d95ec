package cn.partybuilding.assessment.indicator;

import cn.partybuilding.eventing.time.Periods;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * From which month a version of a year's indicator system applies ({@code effectiveFrom}); it applies until a later
 * version does, and the version in force for a month is the highest one that has started by then ({@link #inForce}).
 * A version changes the figures of every month from its first month on, so it may not start at a month whose figures
 * are recorded: no month from {@code effectiveFrom} on may be locked or hold a score (scores are given under the
 * version in force, which the new one would replace). Plain Java, no framework types.
 *
 * <ul>
 *     <li>stated: a month {@code YYYY-MM} of the system's year (400), version 1 only from January, so that every month of
 *     the year has a version (400), not before the previous version's first month (400), no locked or scored month
 *     from it on (409) — except for the year's first version, under which nothing was figured yet;</li>
 *     <li>not stated: a replaced version keeps its month; version 1 starts in January; a next version starts in the
 *     first month after the last month of the year that has a score or is locked (January when none), not before the
 *     previous version's first month; 409 when that is past December.</li>
 * </ul>
 */
public final class EffectiveFromRule {
    public static final String FIELD = "effectiveFrom";

    public enum Refusal { INVALID, CONFLICT }

    /** Either the month the version applies from, or why it cannot be defined so (the field is always {@link #FIELD}). */
    public record Decision(YearMonth month, Refusal refusal, String reason) {
        static Decision ok(YearMonth month) {
            return new Decision(month, null, null);
        }

        static Decision refused(Refusal refusal, String reason) {
            return new Decision(null, refusal, reason);
        }
    }

    /**
     * What the rule needs to know about the year: the version being defined, the first month of the version before it
     * (null for version 1), the first month of the version it replaces in place (null when it is a new version), and the
     * months of the year that have a score or are locked.
     */
    public record Year(int year, int version, YearMonth previousStart, YearMonth replacedStart,
                       Collection<YearMonth> scoredMonths, Collection<YearMonth> lockedMonths) {
    }

    private EffectiveFromRule() {
    }

    public static Decision decide(String stated, Year year) {
        YearMonth month;
        if (stated != null) {
            if (!Periods.valid(stated)) {
                return Decision.refused(Refusal.INVALID, "格式应为 YYYY-MM，收到 " + stated);
            }
            month = YearMonth.parse(stated);
            if (month.getYear() != year.year()) {
                return Decision.refused(Refusal.INVALID, "应为 " + year.year() + " 年度内的月份，收到 " + stated);
            }
        } else if (year.replacedStart() != null) {
            month = year.replacedStart();
        } else if (year.version() == 1) {
            month = YearMonth.of(year.year(), 1);
        } else {
            month = firstFreeMonth(year);
            if (month.getYear() != year.year()) {
                return Decision.refused(Refusal.CONFLICT, year.year() + " 年 12 月已有评分或已锁定，新版本在本年度已没有可适用的月份");
            }
        }
        YearMonth january = YearMonth.of(year.year(), 1);
        if (year.version() == 1 && !month.equals(january)) {
            return Decision.refused(Refusal.INVALID, "第 1 版须自 " + january + " 起适用（全年每个月都须有适用的指标体系），收到 " + month);
        }
        if (year.version() == 1 && year.replacedStart() == null) {
            return Decision.ok(month); // the year's first version: no month has figures under another version yet (a locked one neither)
        }
        if (year.previousStart() != null && month.isBefore(year.previousStart())) {
            return Decision.refused(Refusal.INVALID, "不能早于第 " + (year.version() - 1) + " 版的适用起始月 " + year.previousStart());
        }
        SortedSet<YearMonth> scored = fromOn(year.scoredMonths(), month);
        if (!scored.isEmpty()) {
            return Decision.refused(Refusal.CONFLICT, join(scored) + " 已有评分，新版本自 " + month + " 起适用会改变已记录的分数；"
                    + instead(year, "请改为自 %s 起适用", "本年度已没有可适用的月份"));
        }
        SortedSet<YearMonth> locked = fromOn(year.lockedMonths(), month);
        if (!locked.isEmpty()) {
            return Decision.refused(Refusal.CONFLICT, join(locked) + " 已锁定，新版本自 " + month + " 起适用会改变其考评结果；请先解锁"
                    + instead(year, "，或改为自 %s 起适用", ""));
        }
        return Decision.ok(month);
    }

    /** The version in force for a month: the highest version that has started by then. */
    public static Optional<IndicatorSystem> inForce(Collection<IndicatorSystem> versions, YearMonth month) {
        return versions.stream().filter(v -> v.year() == month.getYear() && !v.effectiveMonth().isAfter(month))
                .max(Comparator.comparingInt(IndicatorSystem::version));
    }

    /** The month after the last scored or locked month of the year (January when none), not before the previous start. */
    private static YearMonth firstFreeMonth(Year year) {
        YearMonth first = Stream.concat(year.scoredMonths().stream(), year.lockedMonths().stream())
                .filter(m -> m.getYear() == year.year()).max(Comparator.naturalOrder())
                .map(m -> m.plusMonths(1)).orElse(YearMonth.of(year.year(), 1));
        return year.previousStart() != null && first.isBefore(year.previousStart()) ? year.previousStart() : first;
    }

    /** What to do instead: {@code suggestion} with the first month still free, or {@code none} when the year has none. */
    private static String instead(Year year, String suggestion, String none) {
        YearMonth free = firstFreeMonth(year);
        return free.getYear() == year.year() ? String.format(suggestion, free) : none;
    }

    private static SortedSet<YearMonth> fromOn(Collection<YearMonth> months, YearMonth month) {
        return months.stream().filter(m -> !m.isBefore(month)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String join(SortedSet<YearMonth> months) {
        return months.stream().map(YearMonth::toString).collect(Collectors.joining("、"));
    }
}
