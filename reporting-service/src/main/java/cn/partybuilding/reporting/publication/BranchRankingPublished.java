package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.branch.BranchRankings;
import cn.partybuilding.reporting.branch.RankedBranch;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Payload of cn.partybuilding.branch-ranking.published (issue 16.2), published with the quarter (same quarter and
 * version); event only, the REST view is {@code branch.BranchRankingView}.
 */
record BranchRankingPublished(String quarter, int version, OffsetDateTime publishedAt, Weights weights, List<Entry> entries) {

    record Weights(double meetingRegularity, double studyCompletion, double examPassRate) {
    }

    record Entry(Integer rank, String branchId, String branchName, String unitCode, String unitName, Double meetingRegularity,
                 Double studyCompletion, Double examPassRate, Double score, String tier) {
    }

    static BranchRankingPublished of(BranchRankings.BranchQuarter q) {
        return new BranchRankingPublished(q.quarter(), q.version(), q.publishedAt(),
                new Weights(q.weights().meetings(), q.weights().study(), q.weights().exams()),
                q.entries().stream().map(BranchRankingPublished::entry).toList());
    }

    private static Entry entry(RankedBranch b) {
        return new Entry(b.rank(), b.branchId(), b.branchName(), b.unitCode(), b.unitName(), b.meetingRegularity(), b.studyCompletion(),
                b.examPassRate(), b.score(), b.tier() == null ? null : b.tier().name());
    }
}
