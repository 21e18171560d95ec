package cn.partybuilding.reporting.branch;

import cn.partybuilding.reporting.scoring.Enums.Tier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The branch ranking's rules (issue 16.2), hand-computed. Weights 40 / 40 / 20, tiers 20 % / 10 %.
 * <pre>
 *   branch meetings study exams  score
 *   B1     11/11    8/8   2/2    100
 *   B2     11/11    6/8   —      (40 × 1 + 40 × 0.75) / 80 = 87.5   (no exam: the other two weights count in full)
 *   B3      8/11    4/8   1/2    (40 × 0.7273 + 40 × 0.5 + 20 × 0.5) / 100 = 59.09
 *   B4      4/11    4/8   0/1    (40 × 0.3636 + 40 × 0.5 + 0) / 100 = 34.54 (the shares are rounded to 4 places first)
 *   B5      0/0     0/0   —      nothing to measure: not ranked
 *   4 ranked: ADVANCED floor(0.8) = 0, LAGGING ceil(0.4) = 1 (B4); ten branches in the second test
 * </pre>
 */
class BranchRankingTest {
    static final BranchRanking.Weights WEIGHTS = new BranchRanking.Weights(40, 40, 20);

    static BranchFigures b(String id, int held, int required, int done, int studyRequired, int examined, int passed) {
        return new BranchFigures(id, id + " 支部", "U1", "单位", id + "-S", "书记", held, required, done, studyRequired, examined, passed);
    }

    @Test
    void theScoreIsTheWeightedMeanOfTheFiguresThatApply() {
        List<RankedBranch> ranked = BranchRanking.rank(List.of(b("B3", 8, 11, 4, 8, 2, 1), b("B1", 11, 11, 8, 8, 2, 2),
                b("B5", 0, 0, 0, 0, 0, 0), b("B4", 4, 11, 4, 8, 1, 0), b("B2", 11, 11, 6, 8, 0, 0)), WEIGHTS, 20, 10);
        assertEquals(List.of("B1", "B2", "B3", "B4", "B5"), ranked.stream().map(RankedBranch::branchId).toList());
        assertEquals(100.0, ranked.get(0).score());
        assertEquals(87.5, ranked.get(1).score());
        assertNull(ranked.get(1).examPassRate(), "no exam in the quarter: not applicable");
        assertEquals(59.09, ranked.get(2).score());
        assertEquals(0.7273, ranked.get(2).meetingRegularity());
        assertEquals(34.54, ranked.get(3).score());
        assertNull(ranked.get(4).rank());
        assertNull(ranked.get(4).score());
        assertNull(ranked.get(4).tier(), "nothing to measure: no tier");
        // 4 ranked: floor(0.8) = 0 ADVANCED, ceil(0.4) = 1 LAGGING
        assertEquals(List.of(Tier.MIDDLE, Tier.MIDDLE, Tier.MIDDLE, Tier.LAGGING), ranked.subList(0, 4).stream().map(RankedBranch::tier).toList());
    }

    @Test
    void tiersFollowTheUnitsRuleWithTheirOwnShares() {
        List<BranchFigures> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(b("B" + i, i, 10, 8, 8, 0, 0)); // meetings i/10 → ranked B9 first
        }
        List<RankedBranch> ranked = BranchRanking.rank(ten, WEIGHTS, 20, 10);
        Map<String, Tier> tiers = new HashMap<>();
        ranked.forEach(r -> tiers.put(r.branchId(), r.tier()));
        assertEquals(Tier.ADVANCED, tiers.get("B9"));
        assertEquals(Tier.ADVANCED, tiers.get("B8"));
        assertEquals(Tier.MIDDLE, tiers.get("B7"));
        assertEquals(Tier.MIDDLE, tiers.get("B1"));
        assertEquals(Tier.LAGGING, tiers.get("B0"));
        List<RankedBranch> wider = BranchRanking.rank(ten, WEIGHTS, 30, 20);
        assertEquals(3, wider.stream().filter(r -> r.tier() == Tier.ADVANCED).count(), "configurable shares");
        assertEquals(2, wider.stream().filter(r -> r.tier() == Tier.LAGGING).count());
    }

    @Test
    void aGroupCountsForTheBranchAboveItAndACommitteeForNone() {
        Map<String, String[]> orgs = new HashMap<>();
        orgs.put("ORG", new String[]{"U1", null, "ORGANS_COMMITTEE", "机关党委"});
        orgs.put("BR", new String[]{"U1", "ORG", "BRANCH", "第一党支部"});
        orgs.put("GR", new String[]{"U1", "BR", "GROUP", "第一党小组"});
        assertEquals("BR", BranchRankings.branchOf(orgs, "GR"));
        assertEquals("BR", BranchRankings.branchOf(orgs, "BR"));
        assertNull(BranchRankings.branchOf(orgs, "ORG"));
        assertNull(BranchRankings.branchOf(orgs, null));
    }
}
