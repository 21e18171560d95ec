package cn.partybuilding.reporting.scoring;

/**
 * A unit that submitted nothing for the month (no score recorded): it has no composite score, no rank and no tier, and is
 * listed beside the ranking as 未报送.
 */
public record NotSubmittedUnit(String unitCode, String unitName) {
}
