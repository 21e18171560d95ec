package cn.partybuilding.notification.roster;

import cn.partybuilding.notification.notice.RecipientKind;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who holds a role in a unit, from the roster (plain rules, the same as reporting-service's recipients):
 * the unit secretary is the SECRETARY of a top-level organisation (no parent), else the first SECRETARY by id;
 * a member's branch secretary is the SECRETARY of the member's own organisation; the principal leader is the
 * PRINCIPAL_LEADER. Only active members; nobody is their own escalation.
 */
public final class Roster {
    public record Person(String memberId, String unitCode, String organizationId, String name, String role, String email) {
    }

    private final List<Person> members;
    private final Map<String, String> organizationParents;

    public Roster(List<Person> activeMembersOfUnit, Map<String, String> organizationParents) {
        this.members = activeMembersOfUnit.stream().sorted(Comparator.comparing(Person::memberId)).toList();
        this.organizationParents = organizationParents;
    }

    /** The holder of {@code kind} for a notice first addressed to {@code concernedMemberId} (may be null). */
    public Optional<Person> holder(RecipientKind kind, String concernedMemberId) {
        Optional<Person> found = switch (kind) {
            case BRANCH_SECRETARY -> member(concernedMemberId).flatMap(m -> members.stream()
                    .filter(p -> "SECRETARY".equals(p.role()) && m.organizationId() != null && m.organizationId().equals(p.organizationId()))
                    .findFirst());
            case UNIT_SECRETARY -> {
                List<Person> secretaries = members.stream().filter(p -> "SECRETARY".equals(p.role())).toList();
                yield secretaries.stream().filter(p -> p.organizationId() == null || organizationParents.get(p.organizationId()) == null)
                        .findFirst().or(() -> secretaries.stream().findFirst());
            }
            case PRINCIPAL_LEADER -> members.stream().filter(p -> "PRINCIPAL_LEADER".equals(p.role())).findFirst();
            default -> Optional.empty();
        };
        return found.filter(p -> !p.memberId().equals(concernedMemberId));
    }

    private Optional<Person> member(String memberId) {
        return memberId == null ? Optional.empty() : members.stream().filter(p -> p.memberId().equals(memberId)).findFirst();
    }
}
