package cn.partybuilding.notification.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test-only clock that replaces the service's Clock bean: it runs, but from a time the test chooses. */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile Duration offset = Duration.ZERO;

    /** Sets "now" to the given local time in Asia/Shanghai. */
    public void setLocal(LocalDateTime localTime) {
        offset = Duration.between(Instant.now(), localTime.atZone(ZONE).toInstant());
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
