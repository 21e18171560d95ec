package cn.partybuilding.assessment.organisation;

import java.time.LocalDate;

/**
 * Payload of {@code member.registered} and {@code member.updated}: the AsyncAPI gives both the one schema Member (full
 * state after the change), so one record serves both types. Built from the stored {@link Member}; never a REST body
 * ({@link MemberState} is). {@code effectiveFrom} is the first day of this state, {@code revision} the member's revision:
 * consumers keep the highest one whatever order the events arrive in.
 */
public record MemberChanged(String memberId, String unitCode, String organizationId, String name,
                            Member.Rank rank, Member.Role role, String email, boolean active,
                            LocalDate effectiveFrom, int revision) {
    public static MemberChanged of(Member m) {
        return new MemberChanged(m.memberId, m.unitCode, m.organizationId, m.name, m.rank, m.role, m.email, m.active,
                m.effectiveFrom, m.revision);
    }
}
