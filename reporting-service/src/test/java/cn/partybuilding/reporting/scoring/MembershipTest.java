package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Membership.Period;
import cn.partybuilding.reporting.scoring.Membership.Version;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The membership history and the month's roster rule (issue 12.3) and the newest revision (issue 13.14), plain Java. */
class MembershipTest {
    private static final YearMonth AUGUST = YearMonth.of(2026, 8);
    private static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static Version<String> version(int revision, String from, boolean active, String unit) {
        return new Version<>(revision, from == null ? null : LocalDate.parse(from), active, unit);
    }

    @Test
    void aMemberWhoJoinsInNovemberIsInNovembersRosterNotOctobers() {
        List<Period<String>> periods = Membership.periods(List.of(version(1, "2026-11-05", true, "A")));
        assertEquals(Optional.empty(), Membership.inRoster(periods, OCTOBER));
        assertEquals(Optional.of("A"), Membership.inRoster(periods, NOVEMBER));
    }

    @Test
    void aMemberWhoLeavesInSeptemberCountsUpToAugust() {
        List<Period<String>> periods = Membership.periods(List.of(version(1, "2026-01-01", true, "A"), version(2, "2026-09-10", false, "A")));
        assertEquals(List.of(new Period<>(1, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-09-09"), "A")), periods);
        assertEquals(Optional.of("A"), Membership.inRoster(periods, AUGUST));
        assertEquals(Optional.empty(), Membership.inRoster(periods, SEPTEMBER), "gone on 30 September");
        assertEquals(Optional.of("A"), Membership.on(periods, LocalDate.parse("2026-09-09")), "a member up to the day before leaving");
    }

    @Test
    void aMemberWhoMovesCountsInTheUnitHeBelongsToAtTheMonthsEnd() {
        List<Period<String>> periods = Membership.periods(List.of(version(1, "2026-01-01", true, "A"), version(2, "2026-10-15", true, "B")));
        assertEquals(Optional.of("A"), Membership.inRoster(periods, SEPTEMBER));
        assertEquals(Optional.of("B"), Membership.inRoster(periods, OCTOBER), "moved on 15 October: in B's October, not in A's");
        assertEquals(Optional.of("A"), Membership.on(periods, LocalDate.parse("2026-10-14")));
        // moved on the last day of the month: already in B at the month's end
        List<Period<String>> lastDay = Membership.periods(List.of(version(1, "2026-01-01", true, "A"), version(2, "2026-10-31", true, "B")));
        assertEquals(Optional.of("B"), Membership.inRoster(lastDay, OCTOBER));
    }

    @Test
    void theHistoryIsTheSameWhateverOrderTheVersionsArriveIn() {
        List<Version<String>> versions = new ArrayList<>(List.of(version(1, "2026-01-01", true, "A"), version(2, "2026-06-01", true, "B"),
                version(3, "2026-09-10", false, "B"), version(4, "2026-11-02", true, "C")));
        List<Period<String>> inOrder = Membership.periods(versions);
        Collections.reverse(versions);
        assertEquals(inOrder, Membership.periods(versions));
        assertEquals(3, inOrder.size(), "A, B, then C after a gap");
        assertEquals(Optional.empty(), Membership.inRoster(inOrder, OCTOBER), "away from 10 September to 1 November");
    }

    @Test
    void aLaterRevisionWinsFromItsDateOnEvenOverAnEarlierRevisionDatedLater() {
        // revision 3 back-dates a move before revision 2's date: revision 2 holds no day, revision 1 ends before revision 3
        List<Period<String>> periods = Membership.periods(List.of(version(1, "2026-01-01", true, "A"), version(2, "2026-06-01", true, "B"),
                version(3, "2026-03-01", true, "C")));
        assertEquals(List.of(new Period<>(1, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"), "A"),
                new Period<>(3, LocalDate.parse("2026-03-01"), null, "C")), periods);
    }

    @Test
    void aRepeatedRevisionKeepsTheLastOneGivenAndAnUndatedOneHoldsSinceAlways() {
        // events from before revisions and effective dates existed: revision 0, since always, the last one read wins
        List<Period<String>> legacy = Membership.periods(List.of(version(0, null, true, "A"), version(0, null, true, "B")));
        assertEquals(List.of(new Period<>(0, null, null, "B")), legacy);
        assertEquals(Optional.of("B"), Membership.inRoster(legacy, YearMonth.of(2020, 1)));
        // a dated change after them ends them the day before
        List<Period<String>> changed = Membership.periods(List.of(version(0, null, true, "A"), version(1, "2026-10-15", false, "A")));
        assertEquals(List.of(new Period<>(0, null, LocalDate.parse("2026-10-14"), "A")), changed);
    }
}
