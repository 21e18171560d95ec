package cn.partybuilding.reporting.publication;

import cn.partybuilding.eventing.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Frozen months (issue 12.2): when a month may be published, and which reason a republication carries. */
class FrozenMonthRulesTest {
    private static final YearMonth OCT = YearMonth.of(2026, 10);

    @Test
    void anUnlockedMonthIsRefusedNamingTheMonthAndWhatToDo() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> PublicationPrerequisites.requireFrozen(OCT, false, null, null, null, null, null));
        assertEquals(409, e.status());
        assertEquals("2026年10月尚未锁定：请先在考评服务锁定该月再发布", e.getMessage());
        assertEquals("period", e.violations().get(0).field());
    }

    @Test
    void aLockedMonthIsPublishedFirstWithoutAReason() {
        assertNull(PublicationPrerequisites.requireFrozen(OCT, true, "lock-1", null, null, null, null));
        assertEquals("说明", PublicationPrerequisites.requireFrozen(OCT, true, "lock-1", null, null, null, "说明"));
    }

    @Test
    void aRepublicationUnderTheSameLockIsRefusedWithOrWithoutAReason() {
        for (String given : new String[]{null, "更正"}) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> PublicationPrerequisites.requireFrozen(OCT, true, "lock-1", 1, "lock-1", null, given));
            assertEquals(409, e.status());
            assertEquals("period", e.violations().get(0).field());
        }
    }

    @Test
    void aRepublicationUnderANewLockCarriesTheGivenReasonElseTheReopens() {
        assertEquals("巡察反馈", PublicationPrerequisites.requireFrozen(OCT, true, "lock-2", 1, "lock-1", "巡察反馈", null));
        assertEquals("U5 评分更正", PublicationPrerequisites.requireFrozen(OCT, true, "lock-2", 1, "lock-1", "巡察反馈", "U5 评分更正"));
        // a version published before the lock was recorded (null) counts as published under another lock
        assertEquals("巡察反馈", PublicationPrerequisites.requireFrozen(OCT, true, "lock-2", 1, null, "巡察反馈", null));
        ProblemException e = assertThrows(ProblemException.class,
                () -> PublicationPrerequisites.requireFrozen(OCT, true, "lock-2", 1, "lock-1", null, null));
        assertEquals("reason", e.violations().get(0).field());
    }
}
