package cn.partybuilding.assessment.rectification;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Payload of {@code finding.raised} (AsyncAPI schema Finding), built from the stored finding and its rectification
 * item. Never a REST body ({@link FindingView} is).
 */
public record FindingRaised(String findingId, String unitCode, String period, BigDecimal deductionPoints, String source,
                            String description, String rectificationItemId, LocalDate deadline) {
    public static FindingRaised of(Finding f, RectificationItem item) {
        return new FindingRaised(f.findingId, f.unitCode, f.period, f.deductionPoints, f.source, f.description,
                item.itemId, item.deadline);
    }
}
