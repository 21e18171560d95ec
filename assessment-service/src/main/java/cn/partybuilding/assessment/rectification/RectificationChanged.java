package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * Payload of {@code rectification.closed} and {@code rectification.overdue} (the AsyncAPI gives both the one schema
 * RectificationItem), built from the stored item. Never a REST body ({@link RectificationState} is).
 */
public record RectificationChanged(String itemId, String findingId, String unitCode, String description, LocalDate deadline,
                                   RectificationItem.Status status, LocalDate closedOn, String evidence) {
    public static RectificationChanged of(RectificationItem item) {
        return new RectificationChanged(item.itemId, item.findingId, item.unitCode, item.description, item.deadline, item.status,
                item.closedOn, item.evidence);
    }
}
