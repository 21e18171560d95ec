package cn.partybuilding.reporting.scoring;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member's membership history and the roster of a month (issue 12.3). Rules (README "Roster as of the month"):
 * <ul>
 *   <li>Every member event is a version of the member: its full state from its {@code effectiveFrom} on, with the
 *       member's revision. A version holds from its effective date up to the day before the effective date of the next
 *       revision; a later revision wins every day from its own date on (also over an earlier revision dated later),
 *       whatever order the events arrived in. No effective date (events before it existed) = since always.</li>
 *   <li>An active version is a membership period (unit, branch, role, from, to); an inactive one (the member left) is
 *       none.</li>
 *   <li>A month's roster of a unit is the members whose period contains the month's last day ({@link #rosterDay}): a
 *       member who joins on 5 November counts from November on, one who leaves on 10 September counts up to August, one
 *       who moves counts in the unit he belongs to at the month's end — each member in one unit per month, so the
 *       units' figures add up to the county's.</li>
 * </ul>
 * Plain Java; the fact tables store the periods this class derives and select by {@link #rosterDay}. {@code S} is the
 * member's state in a version (unit, branch, role, ...).
 */
public final class Membership {
    /** One member event: the state from {@code effectiveFrom} (null: since always) on, as revision {@code revision}. */
    public record Version<S>(int revision, LocalDate effectiveFrom, boolean active, S state) {
    }

    /** The member in {@code state} from {@code from} to {@code to}, both inclusive; null = unbounded on that side. */
    public record Period<S>(int revision, LocalDate from, LocalDate to, S state) {
        public boolean contains(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        }
    }

    private Membership() {
    }

    /** The day whose membership decides a month's roster: its last day. */
    public static LocalDate rosterDay(YearMonth month) {
        return month.atEndOfMonth();
    }

    /** The membership periods of one member from all of its versions, in any order; a repeated revision: the last one given wins. */
    public static <S> List<Period<S>> periods(List<Version<S>> versions) {
        List<Version<S>> byRevision = new ArrayList<>();
        for (Version<S> v : versions) {
            byRevision.removeIf(existing -> existing.revision() == v.revision());
            byRevision.add(v);
        }
        byRevision.sort(Comparator.comparingInt(Version::revision));
        List<Period<S>> periods = new ArrayList<>();
        // walking back from the newest: each version ends the day before the earliest start of any later revision
        LocalDate laterStart = null;
        boolean supersededEntirely = false;
        for (int i = byRevision.size() - 1; i >= 0; i--) {
            Version<S> v = byRevision.get(i);
            LocalDate to = laterStart == null ? null : laterStart.minusDays(1);
            boolean empty = supersededEntirely || (to != null && v.effectiveFrom() != null && to.isBefore(v.effectiveFrom()));
            if (v.active() && !empty) {
                periods.add(0, new Period<>(v.revision(), v.effectiveFrom(), to, v.state()));
            }
            if (v.effectiveFrom() == null) {
                supersededEntirely = true; // a later version since always leaves nothing to the earlier ones
            } else if (laterStart == null || v.effectiveFrom().isBefore(laterStart)) {
                laterStart = v.effectiveFrom();
            }
        }
        return periods;
    }

    /** The member's state on {@code day}, if a member then. */
    public static <S> Optional<S> on(List<Period<S>> periods, LocalDate day) {
        return periods.stream().filter(p -> p.contains(day)).map(Period::state).findFirst();
    }

    /** The member's state in {@code month}'s roster ({@link #rosterDay}), if in it. */
    public static <S> Optional<S> inRoster(List<Period<S>> periods, YearMonth month) {
        return on(periods, rosterDay(month));
    }
}
