package cn.partybuilding.reporting.branch;

import cn.partybuilding.reporting.scoring.Enums.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The quarterly ranking of the county's party branches (issue 16.2; seed 004: 增加先进支部、提升中间支部、整顿后进支部,
 * seed 003: quarterly checks of each 支部). Plain rules, no framework:
 * <ul>
 *   <li>meeting regularity = meeting slots held ÷ slots required (三会一课 and 主题党日: see {@code BranchFacts});</li>
 *   <li>study completion = completions its members did ÷ those their study plan required in the quarter's months;</li>
 *   <li>exam pass rate = passed ÷ examined, for exams dated in the quarter;</li>
 *   <li>score = 100 × the weighted mean of the applicable figures (a figure with nothing to measure is left out and the
 *       others' weights count in full, as EXAM_PASS_RATE does for units);</li>
 *   <li>ranked by score, then meeting regularity, then branch id; tiers as for units: the top floor(advanced% × n) are
 *       ADVANCED (先进支部), the bottom ceil(lagging% × n) LAGGING (后进支部), the rest MIDDLE, n = branches with a score.</li>
 * </ul>
 */
public final class BranchRanking {
    private BranchRanking() {
    }

    public record Weights(double meetings, double study, double exams) {
    }

    public static List<RankedBranch> rank(List<BranchFigures> branches, Weights weights, double advancedPercent, double laggingPercent) {
        List<RankedBranch> scored = new ArrayList<>();
        List<RankedBranch> unscored = new ArrayList<>();
        for (BranchFigures b : branches) {
            Double meetings = share(b.meetingsHeld(), b.meetingsRequired());
            Double study = share(b.studyDone(), b.studyRequired());
            Double exams = share(b.passed(), b.examined());
            double weighted = 0;
            double weightSum = 0;
            if (meetings != null) {
                weighted += weights.meetings() * meetings;
                weightSum += weights.meetings();
            }
            if (study != null) {
                weighted += weights.study() * study;
                weightSum += weights.study();
            }
            if (exams != null) {
                weighted += weights.exams() * exams;
                weightSum += weights.exams();
            }
            Double score = weightSum == 0 ? null : round(100 * weighted / weightSum, 2);
            RankedBranch r = entry(b, null, meetings, study, exams, score, null);
            (score == null ? unscored : scored).add(r);
        }
        scored.sort(Comparator.comparing(RankedBranch::score, Comparator.reverseOrder())
                .thenComparing(r -> r.meetingRegularity() == null ? -1 : r.meetingRegularity(), Comparator.reverseOrder())
                .thenComparing(RankedBranch::branchId));
        int n = scored.size();
        int advanced = (int) Math.floor(n * advancedPercent / 100.0 + 1e-9);
        int lagging = (int) Math.ceil(n * laggingPercent / 100.0 - 1e-9);
        List<RankedBranch> ranked = new ArrayList<>(branches.size());
        for (int i = 0; i < n; i++) {
            RankedBranch r = scored.get(i);
            int rank = i + 1;
            Tier tier = rank > n - lagging ? Tier.LAGGING : rank <= advanced ? Tier.ADVANCED : Tier.MIDDLE;
            ranked.add(new RankedBranch(rank, r.branchId(), r.branchName(), r.unitCode(), r.unitName(), r.secretaryId(), r.secretaryName(),
                    r.meetingRegularity(), r.studyCompletion(), r.examPassRate(), r.score(), tier, r.meetingsHeld(), r.meetingsRequired(),
                    r.studyDone(), r.studyRequired(), r.examined(), r.passed()));
        }
        unscored.sort(Comparator.comparing(RankedBranch::branchId));
        ranked.addAll(unscored);
        return ranked;
    }

    private static RankedBranch entry(BranchFigures b, Integer rank, Double meetings, Double study, Double exams, Double score, Tier tier) {
        return new RankedBranch(rank, b.branchId(), b.branchName(), b.unitCode(), b.unitName(), b.secretaryId(), b.secretaryName(),
                meetings, study, exams, score, tier, b.meetingsHeld(), b.meetingsRequired(), b.studyDone(), b.studyRequired(),
                b.examined(), b.passed());
    }

    private static Double share(int part, int whole) {
        return whole <= 0 ? null : round(Math.min(1.0, (double) part / whole), 4);
    }

    static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
