package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.RankedUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a ranking as the REST API shows it (live, published, what-if, the month's publication response). Its own
 * record, not the domain {@link RankedUnit} nor the event's {@code RankingPublished.Entry}: a field added here changes
 * the API only, never the published contract, and a change of the domain record changes neither by accident.
 */
public record RankingEntryView(int rank, String unitCode, String unitName, double score, Integer previousRank, Integer rankChange,
                               Tier tier, Status status, double completionRate, double deductions, double bonuses) {

    public static RankingEntryView of(RankedUnit e) {
        return new RankingEntryView(e.rank(), e.unitCode(), e.unitName(), e.score(), e.previousRank(), e.rankChange(), e.tier(),
                e.status(), e.completionRate(), e.deductions(), e.bonuses());
    }

    public static List<RankingEntryView> of(List<RankedUnit> entries) {
        List<RankingEntryView> views = new ArrayList<>(entries.size());
        entries.forEach(e -> views.add(of(e)));
        return views;
    }
}
