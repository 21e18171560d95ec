package cn.partybuilding.assessment.rectification;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.partybuilding.assessment.rectification.RectificationItem.Status.CLOSED;
import static cn.partybuilding.assessment.rectification.RectificationItem.Status.OPEN;
import static cn.partybuilding.assessment.rectification.RectificationItem.Status.OVERDUE;
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
    void overdueItemsCanBeClosedButNotTwiceNorInTheFuture() {
        assertNull(RectificationRules.closeProblem(OVERDUE, DEADLINE, DEADLINE));
        assertNotNull(RectificationRules.closeProblem(CLOSED, DEADLINE, DEADLINE));
        assertNotNull(RectificationRules.closeProblem(OPEN, DEADLINE.plusDays(1), DEADLINE));
    }
}
