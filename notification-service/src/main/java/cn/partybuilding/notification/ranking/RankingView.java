package cn.partybuilding.notification.ranking;

import java.math.BigDecimal;
import java.util.List;

/** What this service reads of ranking.published (AsyncAPI MonthlyRanking); unknown fields are ignored. */
public record RankingView(String period, Integer version, List<Entry> entries) {
    public record Entry(Integer rank, String unitCode, String unitName, BigDecimal score, Integer previousRank,
                        Integer rankChange, String tier, String status, BigDecimal completionRate, BigDecimal deductions) {
    }
}
