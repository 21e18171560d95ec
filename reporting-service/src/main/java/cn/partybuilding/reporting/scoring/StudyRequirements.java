package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.Attendees;
import cn.partybuilding.reporting.scoring.Enums.Frequency;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.IndicatorSystem.PlanItem;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * How many times a study-plan item is required of a member in a month, and over which months the
 * completions count. Choices (documented in the README):
 * <ul>
 *   <li>WEEKLY: one per week that starts (Monday) in the month, i.e. the number of Mondays (4 or 5);
 *       a completion counts in its week, so in the month of that week's Monday (a Friday session on 3 April 2026
 *       counts for March), not in the month of its date.</li>
 *   <li>MONTHLY: 1; completions in the month count.</li>
 *   <li>QUARTERLY: required once, in the quarter's last month; completions anywhere in the quarter count.
 *       In the first two months of a quarter the item requires nothing.</li>
 *   <li>HALF_YEARLY: once, in June and December, counting the half-year. YEARLY: once, in December, counting the year.</li>
 * </ul>
 */
public final class StudyRequirements {
    private StudyRequirements() {
    }

    public static int required(PlanItem item, YearMonth month) {
        int m = month.getMonthValue();
        return switch (item.frequency()) {
            case WEEKLY -> mondays(month);
            case MONTHLY -> 1;
            case QUARTERLY -> m % 3 == 0 ? 1 : 0;
            case HALF_YEARLY -> m == 6 || m == 12 ? 1 : 0;
            case YEARLY -> m == 12 ? 1 : 0;
        };
    }

    /** First month (1..12) of the window whose completions count towards the month's requirement. */
    public static int windowStart(PlanItem item, YearMonth month) {
        int m = month.getMonthValue();
        return switch (item.frequency()) {
            case WEEKLY, MONTHLY -> m;
            case QUARTERLY -> ((m - 1) / 3) * 3 + 1;
            case HALF_YEARLY -> m <= 6 ? 1 : 7;
            case YEARLY -> 1;
        };
    }

    /**
     * The month a completion on {@code day} belongs to: for a weekly item the month of its week's Monday (Friday
     * 3 April 2026 is in the week of Monday 30 March, the fifth week of March), otherwise the calendar month.
     */
    public static YearMonth countingMonth(Frequency frequency, LocalDate day) {
        return frequency == Frequency.WEEKLY
                ? YearMonth.from(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                : YearMonth.from(day);
    }

    /**
     * First and last day (inclusive) of the completions that belong to {@code month} ({@link #countingMonth}): for a
     * weekly item from the month's first Monday to the Sunday before the next month's first Monday.
     */
    public static LocalDate[] monthDays(Frequency frequency, YearMonth month) {
        if (frequency != Frequency.WEEKLY) {
            return new LocalDate[]{month.atDay(1), month.atEndOfMonth()};
        }
        return new LocalDate[]{firstMonday(month), firstMonday(month.plusMonths(1)).minusDays(1)};
    }

    /** First and last day (inclusive) of the completions that count towards the month's requirement of {@code item}. */
    public static LocalDate[] countingDays(PlanItem item, YearMonth month) {
        YearMonth start = YearMonth.of(month.getYear(), windowStart(item, month));
        return new LocalDate[]{monthDays(item.frequency(), start)[0], monthDays(item.frequency(), month)[1]};
    }

    private static LocalDate firstMonday(YearMonth month) {
        return month.atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    /** Mondays in the month: the first Monday's day of month, then every 7 days up to the month's length. */
    public static int mondays(YearMonth month) {
        return mondaysUpTo(month, month.lengthOfMonth());
    }

    /** Mondays of the month on or before its day {@code dayOfMonth}. */
    static int mondaysUpTo(YearMonth month, int dayOfMonth) {
        int firstDow = month.atDay(1).getDayOfWeek().getValue(); // 1 = Monday
        int firstMonday = 1 + (8 - firstDow) % 7;
        return dayOfMonth < firstMonday ? 0 : (dayOfMonth - firstMonday) / 7 + 1;
    }

    /**
     * How much of the month's requirement of {@code item} is due by {@code day} (inclusive), for an early warning before
     * the month ends (issue 13.8; README "Early warning"):
     * <ul>
     *   <li>WEEKLY: the weeks that have started by then, i.e. the month's Mondays up to that day (a week belongs to the
     *       month of its Monday): 3 on 20 August 2026 (Mondays 3, 10 and 17), 5 on 31 August.</li>
     *   <li>the others: the month's requirement pro rata of the days of its counting window that have passed: a monthly
     *       item 20/31 of one on 20 August; a quarterly item, required in the quarter's last month only, on 20 September
     *       82/92 of one (1 July to 20 September of the quarter's 92 days); nothing in a month that requires nothing.</li>
     * </ul>
     * Before the month's first day nothing is due; from its last day on, the whole requirement ({@link #required}).
     */
    public static double dueBy(PlanItem item, YearMonth month, LocalDate day) {
        int required = required(item, month);
        if (required == 0 || day.isBefore(month.atDay(1))) {
            return 0;
        }
        if (!day.isBefore(month.atEndOfMonth())) {
            return required;
        }
        if (item.frequency() == Frequency.WEEKLY) {
            return mondaysUpTo(month, day.getDayOfMonth());
        }
        LocalDate first = YearMonth.of(month.getYear(), windowStart(item, month)).atDay(1);
        long windowDays = ChronoUnit.DAYS.between(first, month.atEndOfMonth()) + 1;
        long elapsed = ChronoUnit.DAYS.between(first, day) + 1;
        return required * (double) elapsed / windowDays;
    }

    /** Committee members are the secretary and the committee members; the principal leader is not (unless also listed). */
    public static boolean attends(Attendees attendees, MemberRole role, MemberRank rank) {
        return switch (attendees) {
            case ALL_MEMBERS -> true;
            case COMMITTEE_MEMBERS -> role == MemberRole.SECRETARY || role == MemberRole.COMMITTEE_MEMBER;
            case DEPUTY_DIVISION_OR_ABOVE -> rank == MemberRank.DEPUTY_DIVISION_OR_ABOVE;
        };
    }
}
