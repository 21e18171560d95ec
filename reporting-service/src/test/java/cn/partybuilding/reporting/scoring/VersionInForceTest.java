package cn.partybuilding.reporting.scoring;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rule choosing the indicator-system version that scores a month (issue 12 item 1). */
class VersionInForceTest {
    static IndicatorSystem version(int year, int version, String effectiveFrom) {
        return new IndicatorSystem(year, version, 5.0, 60.0, List.of(), List.of(), effectiveFrom);
    }

    static Optional<Integer> inForce(List<IndicatorSystem> versions, String month) {
        return VersionInForce.of(versions, YearMonth.parse(month)).map(IndicatorSystem::version);
    }

    @Test
    void aMonthIsScoredWithTheHighestVersionThatHasStartedByThen() {
        List<IndicatorSystem> year = List.of(version(2037, 1, "2037-01"), version(2037, 2, "2037-06"), version(2037, 3, "2037-09"));
        assertEquals(Optional.of(1), inForce(year, "2037-01"));
        assertEquals(Optional.of(1), inForce(year, "2037-05"), "version 2 does not reach back before June");
        assertEquals(Optional.of(2), inForce(year, "2037-06"), "from its first month on");
        assertEquals(Optional.of(2), inForce(year, "2037-08"));
        assertEquals(Optional.of(3), inForce(year, "2037-12"));
    }

    @Test
    void theOrderTheVersionsArriveInDoesNotMatter() {
        List<IndicatorSystem> year = List.of(version(2037, 2, "2037-06"), version(2037, 1, "2037-01"));
        assertEquals(Optional.of(1), inForce(year, "2037-03"));
        assertEquals(Optional.of(2), inForce(year, "2037-07"));
    }

    @Test
    void versionsWithoutEffectiveFromStartInJanuarySoTheHighestAppliesToEveryMonthAsBefore() {
        List<IndicatorSystem> year = List.of(version(2037, 1, null), version(2037, 2, null));
        assertEquals(Optional.of(2), inForce(year, "2037-01"));
        assertEquals(Optional.of(2), inForce(year, "2037-11"));
        assertEquals("2037-01", version(2037, 1, null).effectiveMonth().toString());
    }

    @Test
    void twoVersionsFromTheSameMonthLeaveItToTheHigher() {
        List<IndicatorSystem> year = List.of(version(2037, 1, "2037-01"), version(2037, 2, "2037-04"), version(2037, 3, "2037-04"));
        assertEquals(Optional.of(1), inForce(year, "2037-03"));
        assertEquals(Optional.of(3), inForce(year, "2037-04"));
    }

    @Test
    void noVersionBeforeTheFirstStartsNorFromAnotherYear() {
        assertEquals(Optional.empty(), inForce(List.of(version(2037, 1, "2037-03")), "2037-02"));
        assertEquals(Optional.empty(), inForce(List.of(version(2036, 1, null)), "2037-02"));
        assertEquals(Optional.empty(), inForce(List.of(), "2037-02"));
    }
}
