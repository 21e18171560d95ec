package cn.partybuilding.assessment.rectification;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A finding with its rectification item's id and deadline, as the REST API returns it. */
public record FindingView(String findingId, String unitCode, String period, BigDecimal deductionPoints, String source,
                          String description, String rectificationItemId, LocalDate deadline) {
    static FindingView of(Finding f, RectificationItem item) {
        return new FindingView(f.findingId, f.unitCode, f.period, f.deductionPoints, f.source, f.description,
                item == null ? null : item.itemId, item == null ? null : item.deadline);
    }
}
