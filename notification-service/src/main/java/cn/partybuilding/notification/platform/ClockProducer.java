package cn.partybuilding.notification.platform;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one source of "now" (issue dates, delivery backoff, escalation); tests replace it with a clock they move. */
public class ClockProducer {
    @Produces
    @Singleton
    Clock clock(NotificationConfig config) {
        return Clock.system(config.zone());
    }
}
