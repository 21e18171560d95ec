package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * A rectification item as the REST API returns it (the ledger): status OPEN, SUBMITTED (待确认), CLOSED (已销号) or OVERDUE;
 * {@code returnReason} says why the committee returned the last submission. The event payload is {@link RectificationChanged}. */
public record RectificationState(String itemId, String findingId, String unitCode, String description, LocalDate deadline,
                                 RectificationItem.Status status, LocalDate closedOn, String evidence,
                                 LocalDate submittedOn, String returnReason, String source) {
    static RectificationState of(RectificationItem item) {
        return new RectificationState(item.itemId, item.findingId, item.unitCode, item.description, item.deadline, item.status,
                item.closedOn, item.evidence, item.submittedOn, item.returnReason, RectificationChanged.source(item));
    }
}
