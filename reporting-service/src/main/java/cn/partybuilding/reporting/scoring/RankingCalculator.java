package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks a month: submitted units first by score desc, then study completion rate desc, then fewer deductions,
 * then unit code; NOT_SUBMITTED units after all submitted ones (same order among themselves).
 * Tiers are shares of the SUBMITTED units: the top floor(advanced% × n) are ADVANCED, the bottom
 * ceil(lagging% × n) are LAGGING, the rest MIDDLE; every NOT_SUBMITTED unit is LAGGING (shown, never dropped,
 * and not taking a lagging slot from a unit that was assessed).
 */
public final class RankingCalculator {
    private RankingCalculator() {
    }

    public static final Comparator<UnitScore> ORDER = Comparator
            .comparing((UnitScore s) -> !s.submitted())
            .thenComparing(UnitScore::composite, Comparator.reverseOrder())
            .thenComparing(UnitScore::completionRate, Comparator.reverseOrder())
            .thenComparing(UnitScore::deductions)
            .thenComparing(UnitScore::unitCode);

    public static List<RankedUnit> rank(List<UnitScore> scores, Map<String, Integer> previousRanks,
                                        double advancedPercent, double laggingPercent) {
        List<UnitScore> sorted = new ArrayList<>(scores);
        sorted.sort(ORDER);
        int submitted = (int) sorted.stream().filter(UnitScore::submitted).count();
        int advanced = (int) Math.floor(submitted * advancedPercent / 100.0 + 1e-9);
        int lagging = (int) Math.ceil(submitted * laggingPercent / 100.0 - 1e-9);
        List<RankedUnit> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            UnitScore s = sorted.get(i);
            int rank = i + 1;
            Tier tier;
            if (!s.submitted() || rank > submitted - lagging) {
                tier = Tier.LAGGING;
            } else if (rank <= advanced) {
                tier = Tier.ADVANCED;
            } else {
                tier = Tier.MIDDLE;
            }
            Integer previous = previousRanks.get(s.unitCode());
            ranked.add(new RankedUnit(rank, s.unitCode(), s.unitName(), s.composite(), previous,
                    previous == null ? null : previous - rank, tier,
                    s.submitted() ? Status.SUBMITTED : Status.NOT_SUBMITTED,
                    s.completionRate(), s.deductions(), s.bonuses()));
        }
        return ranked;
    }
}
