package cn.partybuilding.assessment.organisation;

import cn.partybuilding.assessment.common.Checks;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Field rules of the registry and the shape of the party organisation tree. Plain Java, unit-tested. */
public final class OrganisationRules {
    /** Which kind may sit under which parent kind (null = a root of the unit's tree). */
    private static final Map<PartyOrganization.Kind, Set<PartyOrganization.Kind>> PARENTS = Map.of(
            PartyOrganization.Kind.ORGANS_COMMITTEE, Set.of(),
            PartyOrganization.Kind.GENERAL_BRANCH, EnumSet.of(PartyOrganization.Kind.ORGANS_COMMITTEE),
            PartyOrganization.Kind.BRANCH, EnumSet.of(PartyOrganization.Kind.ORGANS_COMMITTEE, PartyOrganization.Kind.GENERAL_BRANCH),
            PartyOrganization.Kind.GROUP, EnumSet.of(PartyOrganization.Kind.BRANCH));

    private OrganisationRules() {
    }

    public static Checks unit(UnitView in) {
        Checks checks = new Checks();
        checks.code("unitCode", in.unitCode());
        checks.text("name", in.name(), 200);
        if (in.category() != null && checks.plain("category", in.category()) && in.category().length() > 100) {
            checks.add("category", "长度不能超过 100");
        }
        return checks;
    }

    public static Checks organization(OrganizationView in) {
        Checks checks = new Checks();
        if (in.organizationId() != null) {
            checks.code("organizationId", in.organizationId());
        }
        checks.required("unitCode", in.unitCode());
        checks.required("kind", in.kind());
        checks.text("name", in.name(), 200);
        return checks;
    }

    /** Whether {@code child} may be placed under a parent of {@code parentKind} (null: no parent). */
    public static String parentProblem(PartyOrganization.Kind child, PartyOrganization.Kind parentKind) {
        if (parentKind == null) {
            return child == PartyOrganization.Kind.GROUP ? "党小组必须隶属于党支部" : null;
        }
        if (!PARENTS.get(child).contains(parentKind)) {
            return child + " 不能隶属于 " + parentKind + "（允许：" + (PARENTS.get(child).isEmpty() ? "无上级" : PARENTS.get(child)) + "）";
        }
        return null;
    }

    public static Checks member(MemberState in) {
        Checks checks = new Checks();
        checks.code("memberId", in.memberId());
        checks.required("unitCode", in.unitCode());
        checks.text("name", in.name(), 100);
        checks.required("rank", in.rank());
        checks.required("role", in.role());
        checks.email("email", in.email());
        return checks;
    }

    /**
     * What is wrong with {@code effectiveFrom} as the first day of a member's new state, or null. Not in the future: the
     * registry holds the member's state now, and a move that has not happened yet would be wrong there until it does.
     * Not before the day the member's current state began ({@code previous}, null when unknown): the membership
     * history is a sequence of states in time, each from its effective date to the next one's, so an earlier date would
     * rewrite a state that a later change already followed.
     */
    public static String effectiveFromProblem(java.time.LocalDate effectiveFrom, java.time.LocalDate today, java.time.LocalDate previous) {
        if (today != null && effectiveFrom.isAfter(today)) {
            return "生效日期不能晚于今天（" + today + "）：请在变动发生后登记";
        }
        if (previous != null && effectiveFrom.isBefore(previous)) {
            return "生效日期不能早于该党员上次变动的生效日期 " + previous;
        }
        return null;
    }
}
