package cn.partybuilding.reporting.branch;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * REST response of the branch ranking (GET /branches/{quarter}, GET /units/{unitCode}/branches/{quarter}): the quarter,
 * LIVE or PUBLISHED (with version and time), the weights, and the branches (ranked first, then those with nothing to
 * measure). Not the event payload ({@code publication.BranchRankingPublished}).
 */
public record BranchRankingView(String quarter, String status, Integer version, OffsetDateTime publishedAt, Weights weights,
                                int branchesRanked, List<Entry> entries) {

    public record Weights(double meetingRegularity, double studyCompletion, double examPassRate) {
    }

    /** One branch: its figures (shares 0..1, null = nothing to measure), score 0..100, tier and its Chinese label. */
    public record Entry(Integer rank, String branchId, String branchName, String unitCode, String unitName, String secretaryId,
                        String secretaryName, Double meetingRegularity, Double studyCompletion, Double examPassRate, Double score,
                        String tier, String tierLabel, String meetings, String study, String exams) {
    }

    static BranchRankingView of(BranchRankings.BranchQuarter q, List<RankedBranch> entries) {
        return new BranchRankingView(q.quarter(), q.status(), q.version(), q.publishedAt(),
                new Weights(q.weights().meetings(), q.weights().study(), q.weights().exams()),
                (int) q.entries().stream().filter(e -> e.rank() != null).count(),
                entries.stream().map(BranchRankingView::entry).toList());
    }

    private static Entry entry(RankedBranch b) {
        return new Entry(b.rank(), b.branchId(), b.branchName(), b.unitCode(), b.unitName(), b.secretaryId(), b.secretaryName(),
                b.meetingRegularity(), b.studyCompletion(), b.examPassRate(), b.score(), b.tier() == null ? null : b.tier().name(),
                label(b), b.meetingsHeld() + "/" + b.meetingsRequired(), b.studyDone() + "/" + b.studyRequired(),
                b.passed() + "/" + b.examined());
    }

    static String label(RankedBranch b) {
        if (b.tier() == null) {
            return "无考核数据";
        }
        return switch (b.tier()) {
            case ADVANCED -> "先进支部";
            case MIDDLE -> "中间支部";
            case LAGGING -> "后进支部";
        };
    }
}
