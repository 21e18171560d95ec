package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * The status of a rectification item: CLOSED once closed out (销号); otherwise OVERDUE when the day is past the
 * deadline (the deadline day itself is still on time), else OPEN. An OVERDUE item can still be closed.
 */
public final class RectificationRules {
    private RectificationRules() {
    }

    public static RectificationItem.Status statusOn(RectificationItem.Status current, LocalDate deadline, LocalDate today) {
        if (current == RectificationItem.Status.CLOSED) {
            return RectificationItem.Status.CLOSED;
        }
        return today.isAfter(deadline) ? RectificationItem.Status.OVERDUE : RectificationItem.Status.OPEN;
    }

    public static String closeProblem(RectificationItem.Status current, LocalDate closedOn, LocalDate today) {
        if (current == RectificationItem.Status.CLOSED) {
            return "该整改事项已销号";
        }
        if (closedOn.isAfter(today)) {
            return "销号日期不能晚于今天";
        }
        return null;
    }
}
