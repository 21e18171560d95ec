package cn.partybuilding.assessment.organisation;

/**
 * Payload of {@code member.registered} and {@code member.updated}: the AsyncAPI gives both the one schema Member (full
 * state after the change), so one record serves both types. Built from the stored {@link Member}; never a REST body
 * ({@link MemberState} is).
 */
public record MemberChanged(String memberId, String unitCode, String organizationId, String name,
                            Member.Rank rank, Member.Role role, String email, boolean active) {
    public static MemberChanged of(Member m) {
        return new MemberChanged(m.memberId, m.unitCode, m.organizationId, m.name, m.rank, m.role, m.email, m.active);
    }
}
