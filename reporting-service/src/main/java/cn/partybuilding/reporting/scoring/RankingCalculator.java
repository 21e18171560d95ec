package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks a month: the submitted units by score desc, then study completion rate desc, then fewer deductions,
 * then unit code. Tiers are shares of them: the top floor(advanced% × n) are ADVANCED, the bottom
 * ceil(lagging% × n) are LAGGING, the rest MIDDLE. A NOT_SUBMITTED unit (nothing recorded for the month) is not
 * ranked and has no score and no tier (issue 12.4: whatever study or bonus facts it has would otherwise add up to
 * free points, and a month nobody has entered yet would make every unit 后进); it is listed beside the ranking as
 * 未报送 ({@link #notSubmitted}). A month without any submission has no ranking at all.
 */
public final class RankingCalculator {
    private RankingCalculator() {
    }

    public static final Comparator<UnitScore> ORDER = Comparator
            .comparing(UnitScore::composite, Comparator.reverseOrder())
            .thenComparing(UnitScore::completionRate, Comparator.reverseOrder())
            .thenComparing(UnitScore::deductions)
            .thenComparing(UnitScore::unitCode);

    /** The units that submitted nothing, by unit code. */
    public static List<NotSubmittedUnit> notSubmitted(List<UnitScore> scores) {
        return scores.stream().filter(s -> !s.submitted()).sorted(Comparator.comparing(UnitScore::unitCode))
                .map(s -> new NotSubmittedUnit(s.unitCode(), s.unitName())).toList();
    }

    public static List<RankedUnit> rank(List<UnitScore> scores, Map<String, Integer> previousRanks,
                                        double advancedPercent, double laggingPercent) {
        List<UnitScore> sorted = new ArrayList<>(scores.stream().filter(UnitScore::submitted).toList());
        sorted.sort(ORDER);
        int submitted = sorted.size();
        int advanced = (int) Math.floor(submitted * advancedPercent / 100.0 + 1e-9);
        int lagging = (int) Math.ceil(submitted * laggingPercent / 100.0 - 1e-9);
        List<RankedUnit> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            UnitScore s = sorted.get(i);
            int rank = i + 1;
            Tier tier;
            if (rank > submitted - lagging) {
                tier = Tier.LAGGING;
            } else if (rank <= advanced) {
                tier = Tier.ADVANCED;
            } else {
                tier = Tier.MIDDLE;
            }
            Integer previous = previousRanks.get(s.unitCode());
            ranked.add(new RankedUnit(rank, s.unitCode(), s.unitName(), s.composite(), previous,
                    previous == null ? null : previous - rank, tier,
                    Status.SUBMITTED,
                    s.completionRate(), s.deductions(), s.bonuses()));
        }
        return ranked;
    }
}
