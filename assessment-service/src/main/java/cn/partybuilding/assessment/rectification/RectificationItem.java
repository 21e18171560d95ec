package cn.partybuilding.assessment.rectification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * 整改事项 with its deadline. 销号 in two steps: the unit submits close-out evidence (SUBMITTED, 待确认), the committee
 * confirms it (CLOSED, 已销号) or returns it with a reason (back to OPEN, or OVERDUE when past the deadline).
 */
@Entity
@Table(name = "rectification_item")
public class RectificationItem extends PanacheEntityBase {
    public enum Status { OPEN, SUBMITTED, CLOSED, OVERDUE }

    @Id
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "finding_id")
    public String findingId;
    @Column(name = "unit_code")
    public String unitCode;
    public String description;
    public LocalDate deadline;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    public String evidence;
    /** The day the unit submitted its evidence (the last submission). */
    @Column(name = "submitted_on")
    public LocalDate submittedOn;
    @Column(name = "submitted_by")
    public String submittedBy;
    /** Why the committee returned the last submission (null once confirmed or never returned). */
    @Column(name = "return_reason")
    public String returnReason;
    @Column(name = "returned_by")
    public String returnedBy;
    @Column(name = "confirmed_by")
    public String confirmedBy;
    /** The day the 整改提醒 was announced (rectification.due-soon); once per item. */
    @Column(name = "reminded_on")
    public LocalDate remindedOn;
    /** The day the item first turned OVERDUE (rectification.overdue, the 逾期通报); once per item. */
    @Column(name = "overdue_on")
    public LocalDate overdueOn;
    /**
     * The trace context of the request that raised the finding (null: none); the job's due-soon and overdue events carry
     * it, so the notices can be followed to the finding.
     */
    public String traceparent;
}
