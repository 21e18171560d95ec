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
}
