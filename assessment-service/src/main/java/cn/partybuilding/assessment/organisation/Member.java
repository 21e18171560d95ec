package cn.partybuilding.assessment.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 党员. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {
    public enum Rank { DEPUTY_DIVISION_OR_ABOVE, SECTION_OR_BELOW, OTHER }

    public enum Role { SECRETARY, PRINCIPAL_LEADER, COMMITTEE_MEMBER, MEMBER }

    @Id
    @Column(name = "member_id")
    public String memberId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "organization_id")
    public String organizationId;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "member_rank")
    public Rank rank;
    @Enumerated(EnumType.STRING)
    @Column(name = "member_role")
    public Role role;
    public String email;
    public boolean active;
    /** +1 on every change (1 on registration; 0 for members registered before revisions existed). */
    public int revision;
    /** First day of the current state (joined, left, moved); null for members registered before effective dates existed. */
    @Column(name = "effective_from")
    public java.time.LocalDate effectiveFrom;
}
