package cn.partybuilding.eventing.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Every service's clock, in the county's zone ({@code eventing.zone}, Asia/Shanghai by default): deadlines, "today",
 * the current month and scheduled days are dates of that calendar, never of UTC or the server's zone. A test replaces
 * the clock with a bean of its own.
 */
@ApplicationScoped
public class ClockProducer {
    /** The default zone; the configured one is {@code clock.getZone()}. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @ConfigProperty(name = "eventing.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.system(zone);
    }
}
