package cn.partybuilding.notification.delivery;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff: after the n-th failed attempt wait initial × 2^(n-1), at most max; none after maxAttempts. */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and maxAttempts >= 1");
        }
    }

    /** When to try again after {@code attempts} failed attempts, or null when the channel gives up. */
    public Instant nextAttempt(Instant failedAt, int attempts) {
        if (attempts >= maxAttempts) {
            return null;
        }
        return failedAt.plus(delay(attempts));
    }

    public Duration delay(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = initial.multipliedBy(1L << exponent);
        return d.compareTo(max) > 0 ? max : d;
    }
}
