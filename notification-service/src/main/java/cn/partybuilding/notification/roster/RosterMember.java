package cn.partybuilding.notification.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** A member as of the newest revision registered/updated on party.organisation.v1. */
@Entity
@Table(name = "roster_member")
public class RosterMember extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public String memberId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "organization_id")
    public String organizationId;
    public String name;
    public String role;
    public String email;
    public boolean active;
    /** The member's revision this row holds: an event with a lower one is older and changes nothing. */
    public int revision;

    public static List<RosterMember> activeOfUnit(String unitCode) {
        return list("unitCode = ?1 and active = true order by memberId", unitCode);
    }
}
