package cn.partybuilding.notification.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Retry rule of a delivery: after the n-th failed attempt wait initial × 2^(n-1), at most {@code max}, for as long as
 * the next attempt still falls within {@code giveUpAfter} of the moment the delivery was scheduled (issued or
 * resent); then the channel gives up. A receiver that is down for a day is still reached, hourly at worst.
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()
                || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and giveUpAfter > 0");
        }
    }

    /**
     * When to try again after {@code attempts} failed attempts, the last at {@code failedAt}, of a delivery scheduled
     * at {@code scheduledAt}; null when that would be later than {@code scheduledAt + giveUpAfter} (give up).
     */
    public Instant nextAttempt(Instant scheduledAt, Instant failedAt, int attempts) {
        Instant next = failedAt.plus(delay(attempts));
        return next.isAfter(scheduledAt.plus(giveUpAfter)) ? null : next;
    }

    public Duration delay(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = initial.multipliedBy(1L << exponent);
        return d.compareTo(max) > 0 ? max : d;
    }
}
