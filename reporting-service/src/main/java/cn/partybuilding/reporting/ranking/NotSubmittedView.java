package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.NotSubmittedUnit;

import java.util.List;

/**
 * A unit that submitted nothing for the month, as the REST API lists it beside the ranking: no rank, score nor tier,
 * {@code label} 未报送 (issue 12.4).
 */
public record NotSubmittedView(String unitCode, String unitName, String status, String label) {
    public static final String LABEL = "未报送";

    public static List<NotSubmittedView> of(List<NotSubmittedUnit> units) {
        return units.stream().map(u -> new NotSubmittedView(u.unitCode(), u.unitName(), "NOT_SUBMITTED", LABEL)).toList();
    }
}
