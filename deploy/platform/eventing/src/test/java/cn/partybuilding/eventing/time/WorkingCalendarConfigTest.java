package cn.partybuilding.eventing.time;

import cn.partybuilding.eventing.EventingConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators add a year the release lacks by configuration, without a release: the environment variables the manifests
 * take from the ConfigMap county-settings ({@code EVENTING_CALENDAR_HOLIDAYS}, {@code EVENTING_CALENDAR_MAKEUP_WORKDAYS})
 * are read through the real config mapping, and readiness's missing years follow. Fictional years 2094/2095 (no State
 * Council arrangement is invented; these dates are test data only).
 */
class WorkingCalendarConfigTest {
    /** 15 December 2094 with the default lookahead of 60 days: the years in use are 2094 and 2095. */
    private static final LocalDate TODAY = LocalDate.of(2094, 12, 15);

    private static EventingConfig.Calendar configured(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(EventingConfig.Calendar.class, "eventing.calendar")
                .build();
        return config.getConfigMapping(EventingConfig.Calendar.class, "eventing.calendar");
    }

    @Test
    void theShippedEmptySettingsLeaveTheYearsMissing() {
        // the ConfigMap's keys are present and empty until the operators fill them
        EventingConfig.Calendar c = configured(Map.of("EVENTING_CALENDAR_HOLIDAYS", "", "EVENTING_CALENDAR_MAKEUP_WORKDAYS", ""));
        WorkingCalendar calendar = WorkingCalendarProducer.of(c, y -> { });
        assertEquals(60, c.lookaheadDays());
        assertEquals(List.of(2094, 2095), WorkingCalendarReadinessCheck.missingYears(calendar, c.lookaheadDays(), TODAY));
    }

    @Test
    void aConfiguredYearIsNoLongerMissingAndItsDaysCount() {
        EventingConfig.Calendar c = configured(Map.of(
                "EVENTING_CALENDAR_HOLIDAYS", "2094-12-31,2095-01-01,2095-01-02,2095-01-03",
                "EVENTING_CALENDAR_MAKEUP_WORKDAYS", "2095-01-08"));
        WorkingCalendar calendar = WorkingCalendarProducer.of(c, y -> { });
        assertEquals(List.of(), WorkingCalendarReadinessCheck.missingYears(calendar, c.lookaheadDays(), TODAY));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2095, 1, 3)), "a configured day off (a Monday)");
        assertTrue(calendar.isWorkingDay(LocalDate.of(2095, 1, 8)), "a configured worked weekend day (a Saturday)");
        // one year configured, the other still missing
        WorkingCalendar half = WorkingCalendarProducer.of(configured(Map.of("EVENTING_CALENDAR_HOLIDAYS", "2095-01-01")), y -> { });
        assertEquals(List.of(2094), WorkingCalendarReadinessCheck.missingYears(half, 60, TODAY));
    }
}
