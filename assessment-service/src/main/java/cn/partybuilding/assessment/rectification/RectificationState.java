package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * Payload of {@code rectification.closed} and {@code rectification.overdue} (the AsyncAPI gives both the one schema
 * RectificationItem); also the REST view of an item.
 */
public record RectificationState(String itemId, String findingId, String unitCode, String description, LocalDate deadline,
                                 RectificationItem.Status status, LocalDate closedOn, String evidence) {
    static RectificationState of(RectificationItem item) {
        return new RectificationState(item.itemId, item.findingId, item.unitCode, item.description, item.deadline, item.status,
                item.closedOn, item.evidence);
    }
}
