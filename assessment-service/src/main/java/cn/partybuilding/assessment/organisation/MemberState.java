package cn.partybuilding.assessment.organisation;

/**
 * Payload of {@code member.registered} and {@code member.updated}: the AsyncAPI gives both the one schema
 * Member (full state after the change), so one record serves both types. Also the REST body of a member.
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
