package cn.partybuilding.assessment.responsibility;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.DutyKind;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.Level;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.Status;

import java.time.LocalDate;

/**
 * The field rules of a 责任清单 item, plain Java (every violation names its field, in Chinese):
 * <ul>
 *   <li>year 2000–2100; the due date falls within the year (a list is a year's);</li>
 *   <li>a BRANCH item names its branch ({@code organizationId}); a UNIT item names none; an ORGANS_COMMITTEE item may name
 *       the unit's 机关党委 (the service checks the organisation belongs to the unit and is of the right kind);</li>
 *   <li>content up to 2000 characters, without control characters;</li>
 *   <li>checking off needs evidence, a done date not after today and not before the list's year; an item already DONE is
 *       a conflict; a reopen needs a reason and an item that is DONE.</li>
 * </ul>
 */
public final class ResponsibilityRules {
    private ResponsibilityRules() {
    }

    public static String label(DutyKind kind) {
        return switch (kind) {
            case OVERALL -> "负总责";
            case ASSIGNED -> "分工负责";
            case IMPLEMENTATION -> "推进落实";
            case DUAL -> "一岗双责";
        };
    }

    public static String label(Level level) {
        return switch (level) {
            case UNIT -> "单位（党组）";
            case ORGANS_COMMITTEE -> "机关党委";
            case BRANCH -> "党支部";
        };
    }

    /** A new item's fields. */
    public static void checkNew(Checks checks, Integer year, Level level, String organizationId, DutyKind dutyKind, String memberId,
                                String content, LocalDate dueDate) {
        boolean yearOk = checks.required("year", year);
        if (yearOk && (year < 2000 || year > 2100)) {
            checks.add("year", "年度应在 2000–2100 之间");
            yearOk = false;
        }
        if (checks.required("level", level)) {
            if (level == Level.BRANCH) {
                checks.required("organizationId", organizationId);
            } else if (level == Level.UNIT && organizationId != null) {
                checks.add("organizationId", "单位（党组）责任清单不指定党组织");
            } else {
                checks.plain("organizationId", organizationId);
            }
        }
        checkEditable(checks, yearOk ? year : null, dutyKind, memberId, content, dueDate);
    }

    /** The fields an OPEN item may change (duty, responsible member, content, due date) against its list's year. */
    public static void checkEditable(Checks checks, Integer year, DutyKind dutyKind, String memberId, String content, LocalDate dueDate) {
        checks.required("dutyKind", dutyKind);
        checks.required("responsibleMemberId", memberId);
        checks.text("content", content, 2000);
        if (checks.required("dueDate", dueDate) && year != null && dueDate.getYear() != year) {
            checks.add("dueDate", "完成时限应在 " + year + " 年内");
        }
    }

    /** Why an item cannot be checked off with {@code doneOn} on {@code today} (null: it can); evidence is checked apart. */
    public static String checkOffProblem(Status current, int year, LocalDate doneOn, LocalDate today) {
        if (current == Status.DONE) {
            return "该事项已完成";
        }
        if (doneOn.isAfter(today)) {
            return "完成日期不能晚于今天";
        }
        if (doneOn.getYear() < year) {
            return "完成日期不能早于清单年度";
        }
        return null;
    }
}
