package cn.partybuilding.assessment.rectification;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.partybuilding.assessment.rectification.RectificationItem.Status.CLOSED;
import static cn.partybuilding.assessment.rectification.RectificationItem.Status.OPEN;
import static cn.partybuilding.assessment.rectification.RectificationItem.Status.OVERDUE;
import static cn.partybuilding.assessment.rectification.RectificationItem.Status.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RectificationRulesTest {
    private static final LocalDate DEADLINE = LocalDate.of(2026, 12, 31);

    @Test
    void theDeadlineDayIsStillOnTimeTheDayAfterIsOverdue() {
        assertEquals(OPEN, RectificationRules.statusOn(OPEN, DEADLINE, DEADLINE));
        assertEquals(OVERDUE, RectificationRules.statusOn(OPEN, DEADLINE, DEADLINE.plusDays(1)));
    }

    @Test
    void aClosedItemStaysClosed() {
        assertEquals(CLOSED, RectificationRules.statusOn(CLOSED, DEADLINE, DEADLINE.plusYears(1)));
    }

    @Test
    void overdueItemsCanBeSubmittedButNotTwiceNorInTheFuture() {
        assertNull(RectificationRules.submitProblem(OVERDUE, DEADLINE, DEADLINE));
        assertNotNull(RectificationRules.submitProblem(CLOSED, DEADLINE, DEADLINE));
        assertNotNull(RectificationRules.submitProblem(SUBMITTED, DEADLINE, DEADLINE));
        assertNotNull(RectificationRules.submitProblem(OPEN, DEADLINE.plusDays(1), DEADLINE));
    }

    @Test
    void onlyASubmittedItemIsConfirmedOrReturnedAndAReturnPastTheDeadlineIsOverdue() {
        assertNull(RectificationRules.reviewProblem(SUBMITTED));
        assertNotNull(RectificationRules.reviewProblem(OPEN));
        assertNotNull(RectificationRules.reviewProblem(CLOSED));
        assertEquals(OPEN, RectificationRules.afterReturn(DEADLINE, DEADLINE));
        assertEquals(OVERDUE, RectificationRules.afterReturn(DEADLINE, DEADLINE.plusDays(1)));
        assertEquals(SUBMITTED, RectificationRules.statusOn(SUBMITTED, DEADLINE, DEADLINE.plusDays(10)), "waits for the committee");
    }

    @Test
    void theReminderIsDueFromItsDayToTheDeadlineOnceForAnOpenItem() {
        LocalDate from = DEADLINE.minusDays(3);
        assertFalse(RectificationRules.reminderDue(OPEN, null, from, DEADLINE, from.minusDays(1)));
        assertTrue(RectificationRules.reminderDue(OPEN, null, from, DEADLINE, from));
        assertTrue(RectificationRules.reminderDue(OPEN, null, from, DEADLINE, DEADLINE));
        assertFalse(RectificationRules.reminderDue(OPEN, null, from, DEADLINE, DEADLINE.plusDays(1)));
        assertFalse(RectificationRules.reminderDue(OPEN, from, from, DEADLINE, DEADLINE), "reminded already");
        assertFalse(RectificationRules.reminderDue(SUBMITTED, null, from, DEADLINE, DEADLINE));
    }
}
