package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;

/** One row of a monthly ranking (the RankingEntry of the AsyncAPI contract). */
public record RankedUnit(int rank, String unitCode, String unitName, double score, Integer previousRank, Integer rankChange,
                         Tier tier, Status status, double completionRate, double deductions, double bonuses) {
}
