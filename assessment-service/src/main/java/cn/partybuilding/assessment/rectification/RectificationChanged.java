package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * Payload of {@code rectification.submitted / closed / returned / overdue / due-soon} (the AsyncAPI gives them the one
 * schema RectificationItem), built from the stored item. Never a REST body ({@link RectificationState} is).
 * {@code remindWorkingDays}: only on {@code due-soon}, the working days before the deadline it is announced.
 */
public record RectificationChanged(String itemId, String findingId, String unitCode, String description, LocalDate deadline,
                                   RectificationItem.Status status, LocalDate closedOn, String evidence,
                                   LocalDate submittedOn, String returnReason, String source,
                                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Integer remindWorkingDays) {
    /** The payload without the finding's source (a plain object, no database). */
    public static RectificationChanged of(RectificationItem item) {
        return of(item, null, null);
    }

    /** The payload with the finding's {@code source}; {@code remindWorkingDays} on due-soon only (else null). */
    public static RectificationChanged of(RectificationItem item, String source, Integer remindWorkingDays) {
        return new RectificationChanged(item.itemId, item.findingId, item.unitCode, item.description, item.deadline, item.status,
                item.closedOn, item.evidence, item.submittedOn, item.returnReason, source, remindWorkingDays);
    }

    /** The finding's source (巡察, 督查, …), which the notices cite. */
    static String source(RectificationItem item) {
        Finding f = Finding.findById(item.findingId);
        return f == null ? null : f.source;
    }
}
