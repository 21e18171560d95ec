package cn.partybuilding.reporting.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Test-only clock that replaces the service's Clock bean (the platform's {@code ClockProducer}): it runs in real time
 * unless a test moves it to an instant of its choosing; such a test resets it afterwards, since every test class shares it.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Duration offset = Duration.ZERO;

    /** "Now" becomes {@code instant}, and runs on from there. */
    public void set(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
