package cn.partybuilding.assessment.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 党组织: 机关党委 / 党总支 / 党支部 / 党小组, a tree inside one unit. */
@Entity
@Table(name = "party_organization")
public class PartyOrganization extends PanacheEntityBase {
    public enum Kind { ORGANS_COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP }

    @Id
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "parent_id")
    public String parentId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String name;
}
