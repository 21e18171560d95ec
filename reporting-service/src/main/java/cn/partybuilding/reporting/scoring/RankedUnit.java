package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;

/**
 * One row of a monthly ranking (domain). Serialised by neither side directly: REST shows it as
 * {@code ranking.RankingEntryView}, {@code ranking.published} carries it as {@code publication.RankingPublished.Entry}.
 */
public record RankedUnit(int rank, String unitCode, String unitName, double score, Integer previousRank, Integer rankChange,
                         Tier tier, Status status, double completionRate, double deductions, double bonuses) {
}
