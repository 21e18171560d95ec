package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.RecipientKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whose notice is it: the rule behind every read and 签收 of the inbox, without a token. */
class NoticeAccessTest {
    private static final NoticeAccess.Who ADMIN = new NoticeAccess.Who(true, true, Optional.empty(), Optional.empty());
    private static final NoticeAccess.Who AUDITOR = new NoticeAccess.Who(true, false, Optional.empty(), Optional.empty());
    private static final NoticeAccess.Who SECRETARY = new NoticeAccess.Who(false, false, Optional.of("U001"), Optional.empty());
    /** the realm's secretary: UNIT_SECRETARY of U001 and MEMBER U001-002 */
    private static final NoticeAccess.Who SECRETARY_AND_MEMBER = new NoticeAccess.Who(false, false, Optional.of("U001"), Optional.of("U001-002"));
    private static final NoticeAccess.Who MEMBER = new NoticeAccess.Who(false, false, Optional.empty(), Optional.of("U001-006"));

    private static Notice notice(String unit, RecipientKind kind, String recipientId) {
        Notice n = new Notice();
        n.unitCode = unit;
        n.recipientKind = kind;
        n.recipientId = recipientId;
        return n;
    }

    @Test
    void countyWideRolesReadEverythingButOnlyTheCommitteeSignsAndOnlyItsOwn() {
        Notice unitNotice = notice("U001", RecipientKind.UNIT_SECRETARY, "U001-002");
        Notice toCommittee = notice("U001", RecipientKind.COMMITTEE, "COMMITTEE");
        assertTrue(NoticeAccess.mayRead(ADMIN, unitNotice) && NoticeAccess.mayRead(AUDITOR, unitNotice));
        assertFalse(NoticeAccess.maySign(ADMIN, unitNotice), "nobody signs in the unit's name");
        assertTrue(NoticeAccess.maySign(ADMIN, toCommittee));
        assertFalse(NoticeAccess.maySign(AUDITOR, toCommittee));
    }

    @Test
    void aSecretaryReadsAndSignsItsUnitsNoticesToTheUnitOrItsRolesOnly() {
        for (RecipientKind kind : new RecipientKind[]{RecipientKind.UNIT, RecipientKind.BRANCH_SECRETARY, RecipientKind.UNIT_SECRETARY,
                RecipientKind.PRINCIPAL_LEADER}) {
            Notice n = notice("U001", kind, "U001:" + kind.name());
            assertTrue(NoticeAccess.mayRead(SECRETARY, n) && NoticeAccess.maySign(SECRETARY, n), kind.name());
            Notice other = notice("U002", kind, "U002:" + kind.name());
            assertFalse(NoticeAccess.mayRead(SECRETARY, other) || NoticeAccess.maySign(SECRETARY, other), kind.name());
        }
        Notice membersOwn = notice("U001", RecipientKind.MEMBER, "U001-006");
        assertFalse(NoticeAccess.mayRead(SECRETARY, membersOwn), "a member's notice is the member's");
        Notice escalatedToCommittee = notice("U001", RecipientKind.COMMITTEE, "COMMITTEE");
        assertFalse(NoticeAccess.mayRead(SECRETARY, escalatedToCommittee));
    }

    @Test
    void aMemberReadsAndSignsWhatIsAddressedToItsMemberIdWhateverTheKind() {
        assertTrue(NoticeAccess.maySign(MEMBER, notice("U001", RecipientKind.MEMBER, "U001-006")));
        // a 督办通知 to the holder of a role goes to the holder's member id
        assertTrue(NoticeAccess.maySign(MEMBER, notice("U001", RecipientKind.BRANCH_SECRETARY, "U001-006")));
        assertFalse(NoticeAccess.mayRead(MEMBER, notice("U001", RecipientKind.MEMBER, "U001-007")));
        assertFalse(NoticeAccess.mayRead(MEMBER, notice("U001", RecipientKind.UNIT_SECRETARY, "U001-002")));
        assertTrue(NoticeAccess.maySign(SECRETARY_AND_MEMBER, notice("U001", RecipientKind.MEMBER, "U001-002")));
        assertFalse(NoticeAccess.mayRead(SECRETARY_AND_MEMBER, notice("U001", RecipientKind.MEMBER, "U001-006")));
    }

    @Test
    void ownInboxesAreTheMemberIdTheUnitCodeAndTheUnitsRoleAddresses() {
        assertTrue(NoticeAccess.ownInbox(MEMBER, "U001-006"));
        assertFalse(NoticeAccess.ownInbox(MEMBER, "U001"));
        assertTrue(NoticeAccess.ownInbox(SECRETARY, "U001"));
        assertTrue(NoticeAccess.ownInbox(SECRETARY, "U001:PRINCIPAL_LEADER"));
        assertFalse(NoticeAccess.ownInbox(SECRETARY, "U001:MEMBER"));
        assertFalse(NoticeAccess.ownInbox(SECRETARY, "U002"));
        assertFalse(NoticeAccess.ownInbox(SECRETARY, "COMMITTEE"));
    }
}
