package cn.partybuilding.eventing.time;

import cn.partybuilding.eventing.EventingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The services' working-day calendar: the State Council's arrangements built in ({@link OfficialHolidays}) plus
 * {@code eventing.calendar.holidays} / {@code makeup-workdays} for years not built in yet. A day of a year without data
 * is computed as Monday–Friday and logged as a warning once per year (and readiness names the year).
 */
@ApplicationScoped
public class WorkingCalendarProducer {
    private static final Logger LOG = Logger.getLogger(WorkingCalendarProducer.class);

    @Produces
    @ApplicationScoped
    WorkingCalendar workingCalendar(EventingConfig config) {
        WorkingCalendar calendar = of(config.calendar(),
                year -> LOG.warnf("working calendar: no holiday data for %d (国务院办公厅 holiday arrangement); its days are counted "
                        + "Monday to Friday, holidays and 调休 ignored — add the year to OfficialHolidays or eventing.calendar.holidays", year));
        LOG.infof("working calendar: holiday data for %s", calendar.years());
        return calendar;
    }

    /**
     * The calendar of the built-in years plus the configured days ({@code EVENTING_CALENDAR_HOLIDAYS},
     * {@code EVENTING_CALENDAR_MAKEUP_WORKDAYS}, on Kubernetes from the ConfigMap county-settings): an operator adds a year
     * by configuration and a restart, without a release.
     */
    static WorkingCalendar of(EventingConfig.Calendar c, java.util.function.IntConsumer missingYear) {
        return WorkingCalendar.official(c.holidays().orElse(List.of()), c.makeupWorkdays().orElse(List.of()), missingYear);
    }
}
