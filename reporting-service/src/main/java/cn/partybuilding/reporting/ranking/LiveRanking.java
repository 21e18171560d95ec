package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.reporting.scoring.UnitFacts;
import cn.partybuilding.reporting.scoring.UnitScore;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** A month ranked from the current facts (not frozen). */
public record LiveRanking(YearMonth period, IndicatorSystem system, Map<String, UnitFacts> facts,
                          Map<String, UnitScore> scores, List<RankedUnit> entries) {

    /** Active members with their completion counts, per unit. */
    public Map<String, List<MemberFacts>> members() {
        Map<String, List<MemberFacts>> byUnit = new java.util.LinkedHashMap<>();
        facts.forEach((unit, f) -> byUnit.put(unit, f.members()));
        return byUnit;
    }
}
