package cn.partybuilding.eventing.time;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The State Council's holiday arrangements (国务院办公厅关于X年部分节假日安排的通知): the days off (放假调休) and the weekend
 * days worked (上班) of each year they were checked against the published text. Only those years are here; a year is
 * added when its notice is published (usually in November of the year before) and checked, never guessed.
 * <ul>
 *     <li>2025: 国办发明电〔2024〕12号 of 12 November 2024.</li>
 *     <li>2026: the notice of 4 November 2025 (Xinhua, 2025-11-04).</li>
 *     <li>2027: not here — its notice could not be checked when this was written; until it is added (here, or by
 *     configuration {@code eventing.calendar.holidays} / {@code makeup-workdays}) readiness names the year missing.</li>
 * </ul>
 */
public final class OfficialHolidays {
    private static final List<LocalDate> HOLIDAYS = new ArrayList<>();
    private static final List<LocalDate> MAKEUP = new ArrayList<>();
    private static final Set<Integer> YEARS = new TreeSet<>();

    static {
        // 2025
        year(2025);
        off(2025, 1, 1, 1);              // 元旦 1月1日, 不调休
        off(2025, 1, 28, 8);             // 春节 1月28日至2月4日
        work(2025, 1, 26);               // 周日上班
        work(2025, 2, 8);                // 周六上班
        off(2025, 4, 4, 3);              // 清明节 4月4日至6日
        off(2025, 5, 1, 5);              // 劳动节 5月1日至5日
        work(2025, 4, 27);               // 周日上班
        off(2025, 5, 31, 3);             // 端午节 5月31日至6月2日
        off(2025, 10, 1, 8);             // 国庆节、中秋节 10月1日至8日
        work(2025, 9, 28);               // 周日上班
        work(2025, 10, 11);              // 周六上班
        // 2026
        year(2026);
        off(2026, 1, 1, 3);              // 元旦 1月1日至3日
        work(2026, 1, 4);                // 周日上班
        off(2026, 2, 15, 9);             // 春节 2月15日至23日
        work(2026, 2, 14);               // 周六上班
        work(2026, 2, 28);               // 周六上班
        off(2026, 4, 4, 3);              // 清明节 4月4日至6日
        off(2026, 5, 1, 5);              // 劳动节 5月1日至5日
        work(2026, 5, 9);                // 周六上班
        off(2026, 6, 19, 3);             // 端午节 6月19日至21日
        off(2026, 9, 25, 3);             // 中秋节 9月25日至27日
        off(2026, 10, 1, 7);             // 国庆节 10月1日至7日
        work(2026, 9, 20);               // 周日上班
        work(2026, 10, 10);              // 周六上班
    }

    private OfficialHolidays() {
    }

    private static void year(int year) {
        YEARS.add(year);
    }

    private static void off(int year, int month, int day, int days) {
        LocalDate first = LocalDate.of(year, month, day);
        for (int i = 0; i < days; i++) {
            HOLIDAYS.add(first.plusDays(i));
        }
    }

    private static void work(int year, int month, int day) {
        MAKEUP.add(LocalDate.of(year, month, day));
    }

    /** Every day off of the years here (weekend days inside a holiday included). */
    public static List<LocalDate> holidays() {
        return List.copyOf(HOLIDAYS);
    }

    /** Every weekend day worked (调休上班) of the years here. */
    public static List<LocalDate> makeupWorkdays() {
        return List.copyOf(MAKEUP);
    }

    public static Set<Integer> years() {
        return new TreeSet<>(YEARS);
    }
}
