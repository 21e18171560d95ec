package cn.partybuilding.reporting.scoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frozen months: which records are late and which count, from stored times only. */
class LockHistoryTest {
    private static final OffsetDateTime LOCK = OffsetDateTime.of(2026, 11, 3, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    private static final OffsetDateTime REOPEN = LOCK.plusDays(5);
    private static final OffsetDateTime RELOCK = LOCK.plusDays(7);

    private static Instant at(OffsetDateTime t, long seconds) {
        return t.toInstant().plusSeconds(seconds);
    }

    private static LockHistory.Change lock(OffsetDateTime at) {
        return new LockHistory.Change(true, at, null);
    }

    private static LockHistory.Change reopen(OffsetDateTime at, String reason) {
        return new LockHistory.Change(false, at, reason);
    }

    @Test
    void aMonthNeverLockedHasNoLateRecordsAndCountsEverything() {
        LockHistory none = LockHistory.none();
        assertFalse(none.lockedNow());
        assertFalse(none.late(at(LOCK, 0)));
        assertTrue(none.counted(at(LOCK, 0)));
        assertNull(none.lastReopenReason());
    }

    @Test
    void whileLockedARecordReceivedBeforeTheLockCountsOneReceivedFromTheLockOnIsLateAndWaits() {
        LockHistory locked = new LockHistory(List.of(lock(LOCK)));
        assertTrue(locked.lockedNow());
        assertFalse(locked.late(at(LOCK, -1)));
        assertTrue(locked.counted(at(LOCK, -1)));
        assertTrue(locked.late(at(LOCK, 0)), "received at the very moment of the lock: late");
        assertFalse(locked.counted(at(LOCK, 0)));
        assertTrue(locked.late(at(LOCK, 3600)));
        assertFalse(locked.counted(at(LOCK, 3600)));
        assertFalse(locked.late(null), "assessment-service's own records have no receipt time and are never late");
        assertTrue(locked.counted(null));
    }

    @Test
    void afterAReopenTheLateRecordsCountAndStayMarkedLate() {
        LockHistory reopened = new LockHistory(List.of(lock(LOCK), reopen(REOPEN, "巡察反馈")));
        assertFalse(reopened.lockedNow());
        assertTrue(reopened.late(at(LOCK, 60)));
        assertTrue(reopened.counted(at(LOCK, 60)));
        assertFalse(reopened.late(at(REOPEN, 60)), "received while reopened: in time");
        assertEquals("巡察反馈", reopened.lastReopenReason());
    }

    @Test
    void lockedAgainOnlyRecordsSinceTheNewLockWait() {
        LockHistory relocked = new LockHistory(List.of(lock(LOCK), reopen(REOPEN, "巡察反馈"), lock(RELOCK)));
        assertTrue(relocked.counted(at(LOCK, 60)), "late during the first lock, counted since the reopen");
        assertTrue(relocked.late(at(LOCK, 60)));
        assertTrue(relocked.counted(at(REOPEN, 60)));
        assertFalse(relocked.late(at(REOPEN, 60)));
        assertTrue(relocked.late(at(RELOCK, 60)));
        assertFalse(relocked.counted(at(RELOCK, 60)));
        assertEquals(RELOCK.toInstant(), relocked.currentLockAt());
        assertEquals("巡察反馈", relocked.lastReopenReason());
    }

    @Test
    void aLockWithoutATimeMakesNothingLate() {
        // ingested before the receipt times were stored (V9): nothing is taken out of the figures retroactively
        LockHistory legacy = new LockHistory(List.of(new LockHistory.Change(true, null, null)));
        assertTrue(legacy.lockedNow());
        assertFalse(legacy.late(at(LOCK, 0)));
        assertTrue(legacy.counted(at(LOCK, 0)));
    }
}
