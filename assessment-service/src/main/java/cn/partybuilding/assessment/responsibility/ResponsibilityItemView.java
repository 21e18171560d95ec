package cn.partybuilding.assessment.responsibility;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An item of a 责任清单 as the REST API returns it. The event payload is {@link ResponsibilityItemChanged}. */
public record ResponsibilityItemView(String itemId, String unitCode, int year, ResponsibilityItem.Level level, String organizationId,
                                     ResponsibilityItem.DutyKind dutyKind, String dutyLabel, String responsibleMemberId,
                                     String responsibleMemberName, String content, LocalDate dueDate, ResponsibilityItem.Status status,
                                     LocalDate doneOn, String evidence, String checkedBy, OffsetDateTime checkedAt, int revision) {
    static ResponsibilityItemView of(ResponsibilityItem item, String memberName) {
        return new ResponsibilityItemView(item.itemId, item.unitCode, item.year, item.level, item.organizationId, item.dutyKind,
                ResponsibilityRules.label(item.dutyKind), item.responsibleMemberId, memberName, item.content, item.dueDate, item.status,
                item.doneOn, item.evidence, item.checkedBy, item.checkedAt, item.revision);
    }
}
