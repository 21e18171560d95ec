package cn.partybuilding.notification.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A party organisation (机关党委, 党总支, 党支部, 党小组) as last registered. */
@Entity
@Table(name = "roster_organization")
public class RosterOrganization extends PanacheEntityBase {
    @Id
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "parent_id")
    public String parentId;
    public String kind;
    public String name;
}
