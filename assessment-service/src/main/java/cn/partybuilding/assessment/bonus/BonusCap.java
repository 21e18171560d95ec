package cn.partybuilding.assessment.bonus;

import java.math.BigDecimal;

/**
 * The yearly bonus cap per unit: a request is granted in full while it fits; when it does not fit, the remainder up to
 * the cap is granted (the response and event say how much); when nothing remains it is refused.
 */
public final class BonusCap {
    public record Grant(BigDecimal points, boolean capped) {
    }

    private BonusCap() {
    }

    /** Empty when the cap is exhausted. */
    public static java.util.Optional<Grant> grant(BigDecimal requested, BigDecimal alreadyGranted, BigDecimal cap) {
        BigDecimal remaining = cap.subtract(alreadyGranted);
        if (remaining.signum() <= 0) {
            return java.util.Optional.empty();
        }
        return requested.compareTo(remaining) <= 0
                ? java.util.Optional.of(new Grant(requested, false))
                : java.util.Optional.of(new Grant(remaining, true));
    }
}
