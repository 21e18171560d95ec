package cn.partybuilding.notification.escalation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * Working days: Monday to Friday, minus public holidays, plus weekend days that are worked (调休).
 */
public final class WorkingCalendar {
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeupWorkdays;

    public WorkingCalendar(Collection<LocalDate> holidays, Collection<LocalDate> makeupWorkdays) {
        this.holidays = Set.copyOf(holidays);
        this.makeupWorkdays = Set.copyOf(makeupWorkdays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeupWorkdays.contains(day)) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The n-th working day after {@code start} (start itself does not count). */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Whether a notice issued on {@code issued} and still not acknowledged on {@code today} is late: the
     * recipient had the whole of the n-th working day after the issue day.
     */
    public boolean overdue(LocalDate issued, int workingDays, LocalDate today) {
        return today.isAfter(plusWorkingDays(issued, workingDays));
    }
}
