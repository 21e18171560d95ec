package cn.partybuilding.assessment.organisation;

/**
 * A member's facts as the REST API takes and returns them and as a roster row is read; what the registry rules check.
 * The event payload is {@link MemberChanged}.
 */
public record MemberState(String memberId, String unitCode, String organizationId, String name,
                          Member.Rank rank, Member.Role role, String email, Boolean active) {
    static MemberState of(Member m) {
        return new MemberState(m.memberId, m.unitCode, m.organizationId, m.name, m.rank, m.role, m.email, m.active);
    }

    /** Same facts as the stored member (what an update compares to decide whether anything changed). */
    boolean sameAs(Member m) {
        return equals(of(m));
    }
}
