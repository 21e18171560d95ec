package cn.partybuilding.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 6);

    @Test
    void doublesUpToTheCap() {
        assertEquals(Duration.ofSeconds(30), backoff.delay(1));
        assertEquals(Duration.ofSeconds(60), backoff.delay(2));
        assertEquals(Duration.ofSeconds(120), backoff.delay(3));
        assertEquals(Duration.ofSeconds(240), backoff.delay(4));
        assertEquals(Duration.ofMinutes(5), backoff.delay(5));
        assertEquals(Duration.ofMinutes(5), backoff.delay(40));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        Instant t = Instant.parse("2026-11-25T02:00:00Z");
        assertEquals(t.plusSeconds(60), backoff.nextAttempt(t, 2));
        assertNull(backoff.nextAttempt(t, 6));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0));
    }
}
