package cn.partybuilding.assessment.responsibility;

import java.time.LocalDate;

/**
 * Payload of {@code responsibility-item.added}, {@code .changed} and {@code .checked-off} (the AsyncAPI gives all three the
 * one schema ResponsibilityItem): the item's whole state after the change, with its revision. Never a REST body
 * ({@link ResponsibilityItemView} is).
 */
public record ResponsibilityItemChanged(String itemId, String unitCode, int year, String level, String organizationId, String dutyKind,
                                        String responsibleMemberId, String content, LocalDate dueDate, String status, LocalDate doneOn,
                                        String evidence, String checkedBy, int revision) {
    static ResponsibilityItemChanged of(ResponsibilityItem item) {
        return new ResponsibilityItemChanged(item.itemId, item.unitCode, item.year, item.level.name(), item.organizationId,
                item.dutyKind.name(), item.responsibleMemberId, item.content, item.dueDate, item.status.name(), item.doneOn,
                item.evidence, item.checkedBy, item.revision);
    }
}
