package cn.partybuilding.eventing.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Working days of the county (工作日): Monday to Friday, minus public holidays (法定节假日 and their 调休 days off), plus
 * the weekend days that are worked (调休上班). Only the years it {@link #covers} have holiday data; a day of another
 * year falls back to Monday–Friday, which is wrong around holidays, so the calendar tells {@code missingYear} (once per
 * year: the services log a warning, and readiness lists the year, see {@code WorkingCalendarReadinessCheck}).
 * Plain logic, no framework.
 */
public final class WorkingCalendar {
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeupWorkdays;
    private final Set<Integer> years;
    private final IntConsumer missingYear;
    private final boolean everyYear;
    private final Set<Integer> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A calendar with holiday data for {@code years}; {@code missingYear} hears of each other year asked about, once. */
    public WorkingCalendar(Collection<LocalDate> holidays, Collection<LocalDate> makeupWorkdays, Collection<Integer> years,
                           IntConsumer missingYear) {
        this.holidays = Set.copyOf(holidays);
        this.makeupWorkdays = Set.copyOf(makeupWorkdays);
        this.years = Set.copyOf(years);
        this.missingYear = missingYear;
        this.everyYear = false;
        for (LocalDate day : this.makeupWorkdays) {
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a worked weekend day (调休)");
            }
        }
    }

    /** Monday to Friday only, no holiday data (for tests of other rules); claims to cover every year. */
    public static WorkingCalendar weekdaysOnly() {
        return new WorkingCalendar();
    }

    private WorkingCalendar() {
        this.holidays = Set.of();
        this.makeupWorkdays = Set.of();
        this.years = Set.of();
        this.missingYear = y -> { };
        this.everyYear = true;
    }

    /** The official arrangements of the State Council ({@link OfficialHolidays}), plus {@code extra} dates for other years. */
    public static WorkingCalendar official(Collection<LocalDate> extraHolidays, Collection<LocalDate> extraMakeupWorkdays,
                                           IntConsumer missingYear) {
        Set<LocalDate> holidays = new TreeSet<>(OfficialHolidays.holidays());
        holidays.addAll(extraHolidays);
        Set<LocalDate> makeup = new TreeSet<>(OfficialHolidays.makeupWorkdays());
        makeup.addAll(extraMakeupWorkdays);
        Set<Integer> years = new TreeSet<>(OfficialHolidays.years());
        // every year has at least 元旦 (1 January) off, so a year with configured holidays is a year with data
        extraHolidays.forEach(d -> years.add(d.getYear()));
        return new WorkingCalendar(holidays, makeup, years, missingYear);
    }

    /** Whether the calendar has the holiday and 调休 data of {@code year}. */
    public boolean covers(int year) {
        return everyYear || years.contains(year);
    }

    /** The years with holiday data, ascending. */
    public Set<Integer> years() {
        return new TreeSet<>(years);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (!covers(day.getYear()) && reported.add(day.getYear())) {
            missingYear.accept(day.getYear());
        }
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

    /** The n-th working day before {@code end} (end itself does not count). */
    public LocalDate minusWorkingDays(LocalDate end, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        LocalDate day = end;
        int counted = 0;
        while (counted < n) {
            day = day.minusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * Whether something issued on {@code issued} and still not done on {@code today} is late: the recipient had the
     * whole of the n-th working day after the issue day.
     */
    public boolean overdue(LocalDate issued, int workingDays, LocalDate today) {
        return today.isAfter(plusWorkingDays(issued, workingDays));
    }
}
