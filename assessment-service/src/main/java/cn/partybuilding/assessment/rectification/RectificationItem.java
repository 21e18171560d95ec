package cn.partybuilding.assessment.rectification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** 整改事项 with its deadline; closed out (销号) with evidence. */
@Entity
@Table(name = "rectification_item")
public class RectificationItem extends PanacheEntityBase {
    public enum Status { OPEN, CLOSED, OVERDUE }

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
}
