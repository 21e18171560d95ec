package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.scoring.RankedUnit;

import java.time.OffsetDateTime;
import java.util.List;

/** Payload of cn.partybuilding.ranking.published (MonthlyRanking in the AsyncAPI contract). */
public record RankingPublished(String period, int version, OffsetDateTime publishedAt, Integer systemYear, Integer systemVersion,
                               String reason, List<RankedUnit> entries) {
}
