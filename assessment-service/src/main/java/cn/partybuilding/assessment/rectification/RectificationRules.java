package cn.partybuilding.assessment.rectification;

import java.time.LocalDate;

/**
 * The status of a rectification item: CLOSED once the committee confirmed the close-out (销号); SUBMITTED while the unit's
 * evidence waits for it; otherwise OVERDUE when the day is past the deadline (the deadline day itself is still on time),
 * else OPEN. An OVERDUE item can still be submitted and closed.
 */
public final class RectificationRules {
    private RectificationRules() {
    }

    public static RectificationItem.Status statusOn(RectificationItem.Status current, LocalDate deadline, LocalDate today) {
        if (current == RectificationItem.Status.CLOSED || current == RectificationItem.Status.SUBMITTED) {
            // SUBMITTED waits for the committee whatever the day: the unit did its part before the committee decides
            return current;
        }
        return today.isAfter(deadline) ? RectificationItem.Status.OVERDUE : RectificationItem.Status.OPEN;
    }

    /** Why the unit may not submit close-out evidence now (null: it may): only an OPEN or OVERDUE item, completed by today. */
    public static String submitProblem(RectificationItem.Status current, LocalDate completedOn, LocalDate today) {
        if (current == RectificationItem.Status.CLOSED) {
            return "该整改事项已销号";
        }
        if (current == RectificationItem.Status.SUBMITTED) {
            return "该整改事项已提交销号申请，待县直机关工委确认";
        }
        if (completedOn.isAfter(today)) {
            return "整改完成日期不能晚于今天";
        }
        return null;
    }

    /** Why the committee may not confirm or return now (null: it may): only a SUBMITTED item. */
    public static String reviewProblem(RectificationItem.Status current) {
        return switch (current) {
            case SUBMITTED -> null;
            case CLOSED -> "该整改事项已销号";
            default -> "该整改事项尚未提交销号申请";
        };
    }

    /** The status a returned item goes back to: OPEN, or OVERDUE when {@code today} is past its deadline. */
    public static RectificationItem.Status afterReturn(LocalDate deadline, LocalDate today) {
        return statusOn(RectificationItem.Status.OPEN, deadline, today);
    }

    /**
     * Whether the 整改提醒 of an OPEN item not reminded yet is due on {@code today}: from the day {@code remindFrom}
     * ({@code workingDays} working days before the deadline) up to the deadline itself.
     */
    public static boolean reminderDue(RectificationItem.Status current, LocalDate remindedOn, LocalDate remindFrom, LocalDate deadline,
                                      LocalDate today) {
        return current == RectificationItem.Status.OPEN && remindedOn == null && !today.isBefore(remindFrom) && !today.isAfter(deadline);
    }
}
