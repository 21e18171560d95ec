package cn.partybuilding.eventing.time;

import cn.partybuilding.eventing.EventingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * Readiness check named "working-calendar": names the years in use (today's, and today's plus
 * {@code eventing.calendar.lookahead-days}) the calendar has no holiday data for, with {@code degraded=true}, and logs a
 * warning. It stays UP, like the outbox check when degraded: a missing year makes working-day deadlines (escalation,
 * 整改提醒) fall on holidays, which operators must fix, but taking the whole service out of rotation would stop score
 * entry, publication and 签收 for every user over a calendar gap — worse than a deadline a holiday late or early.
 */
@Readiness
@ApplicationScoped
public class WorkingCalendarReadinessCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(WorkingCalendarReadinessCheck.class);

    @Inject
    WorkingCalendar calendar;

    @Inject
    Clock clock;

    @Inject
    EventingConfig config;

    private final java.util.Set<Integer> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Years in use the calendar lacks on {@code today}. */
    public List<Integer> missingYears(LocalDate today) {
        return missingYears(calendar, config.calendar().lookaheadDays(), today);
    }

    /** The years of {@code today} and of {@code today} plus {@code lookaheadDays} that {@code calendar} has no data for. */
    static List<Integer> missingYears(WorkingCalendar calendar, int lookaheadDays, LocalDate today) {
        TreeSet<Integer> inUse = new TreeSet<>(List.of(today.getYear(), today.plusDays(lookaheadDays).getYear()));
        return inUse.stream().filter(y -> !calendar.covers(y)).toList();
    }

    @Override
    public HealthCheckResponse call() {
        List<Integer> missing = missingYears(LocalDate.now(clock));
        for (int year : missing) {
            if (warned.add(year)) {
                LOG.warnf("working calendar lacks the holiday arrangement of %d: readiness reports it (working-calendar.missingYears)", year);
            }
        }
        var builder = HealthCheckResponse.named("working-calendar").up()
                .withData("years", calendar.years().toString())
                .withData("degraded", !missing.isEmpty());
        if (!missing.isEmpty()) {
            builder.withData("missingYears", missing.toString());
        }
        return builder.build();
    }
}
