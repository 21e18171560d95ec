package cn.partybuilding.eventing.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingCalendarTest {
    static final WorkingCalendar PLAIN = WorkingCalendar.weekdaysOnly();
    final List<Integer> missing = new ArrayList<>();
    final WorkingCalendar official = WorkingCalendar.official(List.of(), List.of(), missing::add);

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
    void nationalDay2026HasItsMakeupSaturday() {
        // 国庆节 1-7 October off, Sunday 20 September and Saturday 10 October worked (调休)
        assertFalse(official.isWorkingDay(LocalDate.of(2026, 10, 5)));
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 10, 10)));
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 9, 20)));
        assertFalse(official.isWorkingDay(LocalDate.of(2026, 10, 11)));
        // issued Wednesday 30 September: Thu 8, Fri 9, Sat 10 (调休) are the three working days
        assertEquals(LocalDate.of(2026, 10, 10), official.plusWorkingDays(LocalDate.of(2026, 9, 30), 3));
        // 中秋节 Friday 25 September off
        assertFalse(official.isWorkingDay(LocalDate.of(2026, 9, 25)));
    }

    @Test
    void springFestival2026IsNineDaysWithTwoWorkedSaturdays() {
        for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
            assertFalse(official.isWorkingDay(d), d + " is a day off");
        }
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 2, 14)));
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 2, 28)));
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 1, 4)), "元旦调休: Sunday 4 January worked");
        assertTrue(official.isWorkingDay(LocalDate.of(2026, 5, 9)), "劳动节调休: Saturday 9 May worked");
        assertFalse(official.isWorkingDay(LocalDate.of(2026, 6, 19)), "端午节");
        // Friday 13 February + 1 working day = Saturday 14 (worked); + 2 = Tuesday 24 after the holiday
        assertEquals(LocalDate.of(2026, 2, 24), official.plusWorkingDays(LocalDate.of(2026, 2, 13), 2));
    }

    @Test
    void the2025ArrangementIsThere() {
        assertFalse(official.isWorkingDay(LocalDate.of(2025, 1, 1)));
        assertTrue(official.isWorkingDay(LocalDate.of(2025, 1, 26)), "春节调休: Sunday 26 January worked");
        assertFalse(official.isWorkingDay(LocalDate.of(2025, 2, 4)));
        assertTrue(official.isWorkingDay(LocalDate.of(2025, 2, 8)));
        assertTrue(official.isWorkingDay(LocalDate.of(2025, 4, 27)));
        assertFalse(official.isWorkingDay(LocalDate.of(2025, 6, 2)), "端午节 Monday 2 June");
        assertFalse(official.isWorkingDay(LocalDate.of(2025, 10, 8)), "国庆中秋 8 days");
        assertTrue(official.isWorkingDay(LocalDate.of(2025, 9, 28)));
        assertTrue(official.isWorkingDay(LocalDate.of(2025, 10, 11)));
        assertEquals(List.of(), missing);
    }

    @Test
    void aYearWithoutDataIsReportedOnceAndCountedMondayToFriday() {
        assertTrue(official.covers(2025));
        assertTrue(official.covers(2026));
        assertFalse(official.covers(2027), "the 2027 arrangement could not be checked: not guessed");
        assertFalse(official.isWorkingDay(LocalDate.of(2027, 1, 2)), "a Saturday");
        assertTrue(official.isWorkingDay(LocalDate.of(2027, 1, 1)), "no data: 元旦 2027 counted as a Friday like any other");
        assertEquals(List.of(2027), missing, "the missing year is told once");
        // configured days make a year covered
        WorkingCalendar configured = WorkingCalendar.official(List.of(LocalDate.of(2027, 1, 1)), List.of(), missing::add);
        assertTrue(configured.covers(2027));
        assertFalse(configured.isWorkingDay(LocalDate.of(2027, 1, 1)));
    }

    @Test
    void countingBackFromADeadline() {
        // deadline Tuesday 6 October 2026 (holiday): 3 working days before are Tue 29, Wed 30 September... counted back
        // over the holiday: Wed 30 Sep, Tue 29 Sep, Mon 28 Sep
        assertEquals(LocalDate.of(2026, 9, 28), official.minusWorkingDays(LocalDate.of(2026, 10, 6), 3));
        // deadline Monday 30 November 2026: Fri 27, Thu 26, Wed 25
        assertEquals(LocalDate.of(2026, 11, 25), official.minusWorkingDays(LocalDate.of(2026, 11, 30), 3));
    }

    @Test
    void aDayCannotBeBothOffAndWorked() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingCalendar(List.of(LocalDate.of(2026, 10, 10)),
                List.of(LocalDate.of(2026, 10, 10)), List.of(2026), y -> { }));
    }

    @Test
    void aNoticeIsOverdueOnlyAfterTheLastWorkingDay() {
        LocalDate issued = LocalDate.of(2026, 11, 25);
        assertFalse(PLAIN.overdue(issued, 3, LocalDate.of(2026, 11, 30)));
        assertTrue(PLAIN.overdue(issued, 3, LocalDate.of(2026, 12, 1)));
    }
}
