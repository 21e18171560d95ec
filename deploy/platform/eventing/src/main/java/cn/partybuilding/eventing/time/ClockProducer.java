package cn.partybuilding.eventing.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.ZoneId;

/** Every service's clock: Asia/Shanghai, the county's calendar. A test replaces it with a bean of its own. */
@ApplicationScoped
public class ClockProducer {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.system(ZONE);
    }
}
