package cn.partybuilding.notification.ranking;

import java.math.BigDecimal;
import java.util.List;

/** What this service reads of ranking.published (AsyncAPI MonthlyRanking); unknown fields are ignored. */
public record RankingView(String period, Integer version, List<Entry> entries, List<Unit> notSubmitted) {
    /** A unit that submitted nothing for the month (issue 12.4): no rank, score nor tier; listed as 未报送. */
    public record Unit(String unitCode, String unitName) {
    }

    public record Entry(Integer rank, String unitCode, String unitName, BigDecimal score, Integer previousRank,
                        Integer rankChange, String tier, String status, BigDecimal completionRate, BigDecimal deductions) {
    }
}
