package cn.partybuilding.assessment.organisation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A member's facts as the REST API takes and returns them and as a roster row is read; what the registry rules check.
 * The event payload is {@link MemberChanged}. {@code effectiveFrom} is the day the change took effect (joined, left,
 * moved; default: today in the county's zone); {@code revision} is output only (the service assigns it).
 */
public record MemberState(String memberId, String unitCode, String organizationId, String name,
                          Member.Rank rank, Member.Role role, String email, Boolean active,
                          LocalDate effectiveFrom, Integer revision) {
    /** The facts without an effective date (it defaults to the day of the change). */
    public MemberState(String memberId, String unitCode, String organizationId, String name,
                       Member.Rank rank, Member.Role role, String email, Boolean active) {
        this(memberId, unitCode, organizationId, name, rank, role, email, active, null, null);
    }

    static MemberState of(Member m) {
        return new MemberState(m.memberId, m.unitCode, m.organizationId, m.name, m.rank, m.role, m.email, m.active,
                m.effectiveFrom, m.revision);
    }

    /** The same facts with another effective date. */
    public MemberState effectiveFrom(LocalDate day) {
        return new MemberState(memberId, unitCode, organizationId, name, rank, role, email, active, day, revision);
    }

    /**
     * Same facts as the stored member (what an update compares to decide whether anything changed). The effective date
     * and the revision are not facts: a row repeating the stored facts with another date changes nothing.
     */
    boolean sameAs(Member m) {
        return Objects.equals(memberId, m.memberId) && Objects.equals(unitCode, m.unitCode)
                && Objects.equals(organizationId, m.organizationId) && Objects.equals(name, m.name) && rank == m.rank
                && role == m.role && Objects.equals(email, m.email) && Objects.equals(active, m.active);
    }
}
