package cn.partybuilding.assessment.organisation;

import org.junit.jupiter.api.Test;

import static cn.partybuilding.assessment.organisation.PartyOrganization.Kind.BRANCH;
import static cn.partybuilding.assessment.organisation.PartyOrganization.Kind.GENERAL_BRANCH;
import static cn.partybuilding.assessment.organisation.PartyOrganization.Kind.GROUP;
import static cn.partybuilding.assessment.organisation.PartyOrganization.Kind.ORGANS_COMMITTEE;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class OrganisationRulesTest {
    @Test
    void theTreeIsCommitteeGeneralBranchBranchGroup() {
        assertNull(OrganisationRules.parentProblem(ORGANS_COMMITTEE, null));
        assertNull(OrganisationRules.parentProblem(GENERAL_BRANCH, ORGANS_COMMITTEE));
        assertNull(OrganisationRules.parentProblem(BRANCH, GENERAL_BRANCH));
        assertNull(OrganisationRules.parentProblem(BRANCH, ORGANS_COMMITTEE));
        assertNull(OrganisationRules.parentProblem(BRANCH, null));
        assertNull(OrganisationRules.parentProblem(GROUP, BRANCH));
    }

    @Test
    void otherShapesAreRefused() {
        assertNotNull(OrganisationRules.parentProblem(GROUP, null));
        assertNotNull(OrganisationRules.parentProblem(GROUP, ORGANS_COMMITTEE));
        assertNotNull(OrganisationRules.parentProblem(ORGANS_COMMITTEE, BRANCH));
        assertNotNull(OrganisationRules.parentProblem(BRANCH, GROUP));
    }

    @Test
    void anEffectiveDateIsNeitherInTheFutureNorBeforeTheMembersLastChange() {
        java.time.LocalDate today = java.time.LocalDate.parse("2026-11-28");
        assertNull(OrganisationRules.effectiveFromProblem(today, today, null));
        assertNull(OrganisationRules.effectiveFromProblem(java.time.LocalDate.parse("2026-01-01"), today, null), "back-dated: allowed");
        assertNull(OrganisationRules.effectiveFromProblem(java.time.LocalDate.parse("2026-06-01"), today, java.time.LocalDate.parse("2026-06-01")),
                "two changes on one day");
        assertNotNull(OrganisationRules.effectiveFromProblem(java.time.LocalDate.parse("2026-11-29"), today, null), "tomorrow");
        assertNotNull(OrganisationRules.effectiveFromProblem(java.time.LocalDate.parse("2026-05-31"), today, java.time.LocalDate.parse("2026-06-01")),
                "before the change the member's current state began with");
    }
}
