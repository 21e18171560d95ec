package cn.partybuilding.reporting.scoring;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which version of a year's indicator system scores a month: the highest version of the month's year whose
 * {@code effectiveFrom} is not after the month. A version published in June with {@code effectiveFrom} June leaves
 * January to May with the version they were assessed under, so their live figures do not move. Versions that all lack
 * {@code effectiveFrom} (events from before the field) all start in January, so the highest one applies to every month,
 * as before. Empty when no version has started by the month.
 */
public final class VersionInForce {
    private VersionInForce() {
    }

    public static Optional<IndicatorSystem> of(Collection<IndicatorSystem> versions, YearMonth month) {
        return versions.stream()
                .filter(v -> v.year() == month.getYear() && !v.effectiveMonth().isAfter(month))
                .max(Comparator.comparingInt(IndicatorSystem::version));
    }
}
