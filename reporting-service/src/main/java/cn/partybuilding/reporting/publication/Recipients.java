package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.publication.NoticeRequest.Recipient;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.MemberFacts;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who receives a unit's notices, from the roster: the unit secretary is the SECRETARY whose party organisation is
 * top-level (no parent) — else the first SECRETARY by id; a branch secretary is the SECRETARY of the member's own
 * organisation — else the unit secretary; the principal leader is the PRINCIPAL_LEADER. When the roster names nobody,
 * the unit itself (its code) is addressed with that recipient kind, so the notice is not lost.
 */
public final class Recipients {
    private final Map<String, List<MemberFacts>> roster;
    private final Map<String, String> organizationParents;

    public Recipients(Map<String, List<MemberFacts>> roster, Map<String, String> organizationParents) {
        this.roster = roster;
        this.organizationParents = organizationParents;
    }

    public Recipient unitSecretary(String unitCode) {
        List<MemberFacts> secretaries = members(unitCode).stream().filter(m -> m.role() == MemberRole.SECRETARY)
                .sorted(Comparator.comparing(MemberFacts::memberId)).toList();
        Optional<MemberFacts> top = secretaries.stream()
                .filter(m -> m.organizationId() == null || organizationParents.get(m.organizationId()) == null).findFirst();
        return top.or(() -> secretaries.stream().findFirst())
                .map(m -> of(m, "UNIT_SECRETARY")).orElse(new Recipient(unitCode, "UNIT_SECRETARY", null, null));
    }

    public Recipient branchSecretary(String unitCode, String memberId, String organizationId) {
        return members(unitCode).stream()
                .filter(m -> m.role() == MemberRole.SECRETARY && organizationId != null && organizationId.equals(m.organizationId())
                        && !m.memberId().equals(memberId))
                .min(Comparator.comparing(MemberFacts::memberId))
                .map(m -> of(m, "BRANCH_SECRETARY"))
                .orElseGet(() -> {
                    Recipient unitSecretary = unitSecretary(unitCode);
                    return new Recipient(unitSecretary.id(), "BRANCH_SECRETARY", unitSecretary.name(), unitSecretary.email());
                });
    }

    public Recipient principalLeader(String unitCode) {
        return members(unitCode).stream().filter(m -> m.role() == MemberRole.PRINCIPAL_LEADER)
                .min(Comparator.comparing(MemberFacts::memberId))
                .map(m -> of(m, "PRINCIPAL_LEADER")).orElse(new Recipient(unitCode, "PRINCIPAL_LEADER", null, null));
    }

    public Recipient member(MemberFacts m) {
        return of(m, "MEMBER");
    }

    public Optional<MemberFacts> find(String unitCode, String memberId) {
        return members(unitCode).stream().filter(m -> m.memberId().equals(memberId)).findFirst();
    }

    private List<MemberFacts> members(String unitCode) {
        return roster.getOrDefault(unitCode, List.of());
    }

    private static Recipient of(MemberFacts m, String kind) {
        return new Recipient(m.memberId(), kind, m.name(), m.email());
    }
}
