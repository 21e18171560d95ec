package cn.partybuilding.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {
    final Instant scheduled = Instant.parse("2026-11-25T02:00:00Z");
    /** The production defaults: 30s doubling up to 1h, for three days. */
    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(3));

    @Test
    void doublesUpToTheCap() {
        assertEquals(Duration.ofSeconds(30), backoff.delay(1));
        assertEquals(Duration.ofSeconds(60), backoff.delay(2));
        assertEquals(Duration.ofSeconds(120), backoff.delay(3));
        assertEquals(Duration.ofMinutes(32), backoff.delay(7));
        assertEquals(Duration.ofHours(1), backoff.delay(8));
        assertEquals(Duration.ofHours(1), backoff.delay(500));
    }

    @Test
    void keepsRetryingHourlyAfterTheEighthAttempt() {
        // the old rule gave up here, about an hour after the first attempt
        Instant eighth = scheduled.plus(Duration.ofMinutes(64));
        assertEquals(eighth.plus(Duration.ofHours(1)), backoff.nextAttempt(scheduled, eighth, 8));
        Instant dayTwo = scheduled.plus(Duration.ofDays(2));
        assertEquals(dayTwo.plus(Duration.ofHours(1)), backoff.nextAttempt(scheduled, dayTwo, 56));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldFallAfterTheWindow() {
        Instant lastInWindow = scheduled.plus(Duration.ofDays(3)).minus(Duration.ofHours(1));
        assertEquals(scheduled.plus(Duration.ofDays(3)), backoff.nextAttempt(scheduled, lastInWindow, 80));
        assertNull(backoff.nextAttempt(scheduled, lastInWindow.plusSeconds(1), 81));
        assertNull(backoff.nextAttempt(scheduled, scheduled.plus(Duration.ofDays(4)), 100));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
    }
}
