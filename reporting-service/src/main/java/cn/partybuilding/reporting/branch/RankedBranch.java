package cn.partybuilding.reporting.branch;

import cn.partybuilding.reporting.scoring.Enums.Tier;

/**
 * A branch in the quarterly branch ranking: its three figures (shares 0..1, null when not applicable: nothing required,
 * or no exam in the quarter), the composite score (0..100) and its tier (先进支部 ADVANCED / 后进支部 LAGGING / MIDDLE).
 * A branch with no applicable figure is listed without rank, score nor tier.
 */
public record RankedBranch(Integer rank, String branchId, String branchName, String unitCode, String unitName, String secretaryId,
                           String secretaryName, Double meetingRegularity, Double studyCompletion, Double examPassRate, Double score,
                           Tier tier, int meetingsHeld, int meetingsRequired, int studyDone, int studyRequired, int examined, int passed) {
}
