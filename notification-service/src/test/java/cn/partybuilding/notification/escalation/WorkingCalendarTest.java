package cn.partybuilding.notification.escalation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingCalendarTest {
    static final WorkingCalendar PLAIN = new WorkingCalendar(List.of(), List.of());

    @Test
    void weekendsDoNotCount() {
        // Wednesday 25 November 2026 + 3 working days = Monday 30 November
        assertEquals(LocalDate.of(2026, 11, 30), PLAIN.plusWorkingDays(LocalDate.of(2026, 11, 25), 3));
        // issued on a Friday: Mon, Tue, Wed
        assertEquals(LocalDate.of(2026, 12, 2), PLAIN.plusWorkingDays(LocalDate.of(2026, 11, 27), 3));
        // issued on a Saturday: the weekend day itself never counts
        assertEquals(LocalDate.of(2026, 12, 2), PLAIN.plusWorkingDays(LocalDate.of(2026, 11, 28), 3));
        assertEquals(LocalDate.of(2026, 11, 25), PLAIN.plusWorkingDays(LocalDate.of(2026, 11, 25), 0));
        assertThrows(IllegalArgumentException.class, () -> PLAIN.plusWorkingDays(LocalDate.of(2026, 11, 25), -1));
    }

    @Test
    void holidaysAreSkippedAndMakeupWorkdaysCount() {
        // National Day 2026: 1-7 October off, Saturday 10 October worked (调休)
        List<LocalDate> holidays = List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
                LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));
        WorkingCalendar calendar = new WorkingCalendar(holidays, List.of(LocalDate.of(2026, 10, 10)));
        // issued Wednesday 30 September: Thu 8, Fri 9, Sat 10 (makeup) are the three working days
        assertEquals(LocalDate.of(2026, 10, 10), calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 3));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 5)));
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 10, 10)));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 11)));
    }

    @Test
    void aNoticeIsOverdueOnlyAfterTheLastWorkingDay() {
        LocalDate issued = LocalDate.of(2026, 11, 25);
        assertFalse(PLAIN.overdue(issued, 3, LocalDate.of(2026, 11, 30)));
        assertTrue(PLAIN.overdue(issued, 3, LocalDate.of(2026, 12, 1)));
    }
}
