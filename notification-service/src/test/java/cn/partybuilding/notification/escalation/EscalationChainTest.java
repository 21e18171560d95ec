package cn.partybuilding.notification.escalation;

import cn.partybuilding.notification.notice.RecipientKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static cn.partybuilding.notification.notice.RecipientKind.BRANCH_SECRETARY;
import static cn.partybuilding.notification.notice.RecipientKind.COMMITTEE;
import static cn.partybuilding.notification.notice.RecipientKind.MEMBER;
import static cn.partybuilding.notification.notice.RecipientKind.PRINCIPAL_LEADER;
import static cn.partybuilding.notification.notice.RecipientKind.UNIT;
import static cn.partybuilding.notification.notice.RecipientKind.UNIT_SECRETARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EscalationChainTest {
    @Test
    void aMembersNoticeClimbsThroughTheBranchAndUnitSecretaryToTheCommittee() {
        assertEquals(Optional.of(BRANCH_SECRETARY), EscalationChain.next(MEMBER, 0));
        assertEquals(Optional.of(UNIT_SECRETARY), EscalationChain.next(MEMBER, 1));
        assertEquals(Optional.of(COMMITTEE), EscalationChain.next(MEMBER, 2));
        assertEquals(Optional.empty(), EscalationChain.next(MEMBER, 3));
    }

    @Test
    void aUnitSecretarysNoticeGoesToThePrincipalLeaderThenTheCommittee() {
        assertEquals(Optional.of(PRINCIPAL_LEADER), EscalationChain.next(UNIT_SECRETARY, 0));
        assertEquals(Optional.of(COMMITTEE), EscalationChain.next(UNIT_SECRETARY, 1));
        assertEquals(Optional.of(UNIT_SECRETARY), EscalationChain.next(UNIT, 0));
        assertEquals(Optional.of(COMMITTEE), EscalationChain.next(PRINCIPAL_LEADER, 0));
        assertEquals(Optional.of(COMMITTEE), EscalationChain.next(BRANCH_SECRETARY, 1));
        assertEquals(Optional.empty(), EscalationChain.next(COMMITTEE, 0));
    }

    @Test
    void escalationsAreAddressedToTheRoleInTheUnit() {
        assertEquals("U001:BRANCH_SECRETARY", EscalationChain.recipientId(BRANCH_SECRETARY, "U001"));
        assertEquals("COMMITTEE", EscalationChain.recipientId(RecipientKind.COMMITTEE, "U001"));
        assertEquals("COMMITTEE", EscalationChain.recipientId(UNIT_SECRETARY, null));
    }
}
