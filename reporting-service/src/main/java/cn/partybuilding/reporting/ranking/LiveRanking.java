package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.reporting.scoring.UnitFacts;
import cn.partybuilding.reporting.scoring.UnitScore;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A month ranked from the current facts (not frozen): {@code entries} the ranked (submitted) units, {@code notSubmitted}
 * those without a score, rank or tier (未报送).
 */
public record LiveRanking(YearMonth period, IndicatorSystem system, Map<String, UnitFacts> facts,
                          Map<String, UnitScore> scores, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {

    /** Every unit's name, ranked or not (the notices of members of a unit that submitted nothing name it too). */
    public Map<String, String> unitNames() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        entries.forEach(e -> names.put(e.unitCode(), e.unitName()));
        notSubmitted.forEach(u -> names.put(u.unitCode(), u.unitName()));
        return names;
    }

    /** Active members with their completion counts, per unit. */
    public Map<String, List<MemberFacts>> members() {
        Map<String, List<MemberFacts>> byUnit = new java.util.LinkedHashMap<>();
        facts.forEach((unit, f) -> byUnit.put(unit, f.members()));
        return byUnit;
    }
}
