package cn.partybuilding.assessment.indicator;

import cn.partybuilding.assessment.indicator.EffectiveFromRule.Decision;
import cn.partybuilding.assessment.indicator.EffectiveFromRule.Refusal;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The month a version applies from, and the version in force for a month, as plain functions (issue 12 item 1). */
class EffectiveFromRuleTest {
    static YearMonth m(String month) {
        return YearMonth.parse(month);
    }

    static List<YearMonth> months(String... months) {
        return java.util.Arrays.stream(months).map(YearMonth::parse).toList();
    }

    /** Version {@code version} of 2026, the previous one starting at {@code previousStart}, with these scored and locked months. */
    static EffectiveFromRule.Year year(int version, String previousStart, String replacedStart, List<YearMonth> scored, List<YearMonth> locked) {
        return new EffectiveFromRule.Year(2026, version, previousStart == null ? null : m(previousStart),
                replacedStart == null ? null : m(replacedStart), scored, locked);
    }

    static Decision ok(String month) {
        return new Decision(m(month), null, null);
    }

    @Test
    void theFirstVersionAppliesFromJanuaryOnly() {
        assertEquals(ok("2026-01"), EffectiveFromRule.decide(null, year(1, null, null, List.of(), List.of())));
        assertEquals(ok("2026-01"), EffectiveFromRule.decide("2026-01", year(1, null, null, List.of(), List.of())));
        assertEquals(Refusal.INVALID, EffectiveFromRule.decide("2026-03", year(1, null, null, List.of(), List.of())).refusal());
        // replacing version 1 keeps January
        assertEquals(ok("2026-01"), EffectiveFromRule.decide(null, year(1, null, "2026-01", List.of(), List.of())));
        // a locked month has no figures yet without any version: the first one is not refused for it, a replacement is
        assertEquals(ok("2026-01"), EffectiveFromRule.decide(null, year(1, null, null, List.of(), months("2026-03"))));
        assertEquals(Refusal.CONFLICT, EffectiveFromRule.decide(null, year(1, null, "2026-01", List.of(), months("2026-03"))).refusal());
    }

    @Test
    void aNextVersionStartsAfterTheLastScoredOrLockedMonthUnlessStated() {
        assertEquals(ok("2026-06"), EffectiveFromRule.decide(null, year(2, "2026-01", null, months("2026-03", "2026-05"), months("2026-03"))));
        assertEquals(ok("2026-08"), EffectiveFromRule.decide(null, year(2, "2026-01", null, months("2026-03"), months("2026-07"))));
        assertEquals(ok("2026-02"), EffectiveFromRule.decide(null, year(2, "2026-01", null, months("2026-01"), List.of())));
        // nothing recorded yet: from the previous version's first month on (the previous one then applies nowhere)
        assertEquals(ok("2026-06"), EffectiveFromRule.decide(null, year(3, "2026-06", null, months("2026-02"), List.of())));
        // December recorded: no month left
        Decision full = EffectiveFromRule.decide(null, year(2, "2026-01", null, months("2026-12"), List.of()));
        assertEquals(Refusal.CONFLICT, full.refusal());
        assertEquals("2026 年 12 月已有评分或已锁定，新版本在本年度已没有可适用的月份", full.reason());
    }

    @Test
    void aStatedMonthMustBeOfTheYearAndNotBeforeThePreviousVersion() {
        EffectiveFromRule.Year year = year(3, "2026-06", null, List.of(), List.of());
        assertEquals(ok("2026-06"), EffectiveFromRule.decide("2026-06", year));
        assertEquals(ok("2026-11"), EffectiveFromRule.decide("2026-11", year));
        assertEquals(new Decision(null, Refusal.INVALID, "不能早于第 2 版的适用起始月 2026-06"), EffectiveFromRule.decide("2026-05", year));
        assertEquals(new Decision(null, Refusal.INVALID, "应为 2026 年度内的月份，收到 2027-01"), EffectiveFromRule.decide("2027-01", year));
        assertEquals(new Decision(null, Refusal.INVALID, "格式应为 YYYY-MM，收到 2026-6"), EffectiveFromRule.decide("2026-6", year));
    }

    @Test
    void aVersionMayNotStartBeforeARecordedMonth() {
        EffectiveFromRule.Year year = year(2, "2026-01", null, months("2026-02", "2026-04"), months("2026-02", "2026-07"));
        assertEquals(new Decision(null, Refusal.CONFLICT, "2026-04 已有评分，新版本自 2026-03 起适用会改变已记录的分数；请改为自 2026-08 起适用"),
                EffectiveFromRule.decide("2026-03", year));
        assertEquals(new Decision(null, Refusal.CONFLICT, "2026-07 已锁定，新版本自 2026-05 起适用会改变其考评结果；请先解锁，或改为自 2026-08 起适用"),
                EffectiveFromRule.decide("2026-05", year));
        assertEquals(ok("2026-08"), EffectiveFromRule.decide("2026-08", year));
        // a replaced version's month is checked again: a month locked since refuses it
        assertEquals(Refusal.CONFLICT, EffectiveFromRule.decide(null, year(2, "2026-01", "2026-06", List.of(), months("2026-06"))).refusal());
    }

    @Test
    void theVersionInForceIsTheHighestThatHasStarted() {
        IndicatorSystem v1 = version(1, null);
        IndicatorSystem v2 = version(2, "2026-06");
        IndicatorSystem v3 = version(3, "2026-09");
        List<IndicatorSystem> versions = List.of(v3, v1, v2);
        assertEquals(Optional.of(v1), EffectiveFromRule.inForce(versions, m("2026-05")));
        assertEquals(Optional.of(v2), EffectiveFromRule.inForce(versions, m("2026-06")));
        assertEquals(Optional.of(v2), EffectiveFromRule.inForce(versions, m("2026-08")));
        assertEquals(Optional.of(v3), EffectiveFromRule.inForce(versions, m("2026-12")));
        assertEquals(Optional.empty(), EffectiveFromRule.inForce(versions, m("2027-01")));
        // versions without effectiveFrom (stored before it) all start in January: the highest applies, as before
        assertEquals(Optional.of(version(2, null)), EffectiveFromRule.inForce(List.of(version(1, null), version(2, null)), m("2026-02")));
    }

    static IndicatorSystem version(int version, String effectiveFrom) {
        return new IndicatorSystem(2026, version, null, null, List.of(), List.of(), effectiveFrom);
    }
}
