package cn.partybuilding.assessment.responsibility;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One item of a unit's 责任清单 of a year: who answers for what by when, and whether it was done (with evidence). */
@Entity
@Table(name = "responsibility_item")
public class ResponsibilityItem extends PanacheEntityBase {
    /** Whose list: the unit's (党组/单位), its 机关党委's, or one branch's. */
    public enum Level { UNIT, ORGANS_COMMITTEE, BRANCH }

    /** The four duties the seeds name: 负总责、分工负责、推进落实、一岗双责. */
    public enum DutyKind { OVERALL, ASSIGNED, IMPLEMENTATION, DUAL }

    public enum Status { OPEN, DONE }

    @Id
    @Column(name = "item_id")
    public String itemId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "list_year")
    public int year;
    @Enumerated(EnumType.STRING)
    public Level level;
    @Column(name = "organization_id")
    public String organizationId;
    @Enumerated(EnumType.STRING)
    @Column(name = "duty_kind")
    public DutyKind dutyKind;
    @Column(name = "responsible_member_id")
    public String responsibleMemberId;
    public String content;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "done_on")
    public LocalDate doneOn;
    public String evidence;
    @Column(name = "checked_by")
    public String checkedBy;
    @Column(name = "checked_at")
    public OffsetDateTime checkedAt;
    public int revision;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
