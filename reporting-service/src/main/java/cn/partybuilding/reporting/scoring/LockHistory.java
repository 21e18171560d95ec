package cn.partybuilding.reporting.scoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A month's locks and reopens in the order assessment-service made them, and the rule for records other systems send
 * while it is locked (frozen months, issue 12.2). A record's receipt time is when the broker got it (its Kafka timestamp,
 * stored with the fact); a change's time is the period.locked / period.reopened event's time. Both are stored, so the
 * answer is the same in a replay and never depends on when the question is asked.
 * <ul>
 *   <li>late: received while the month was locked (the last change at or before the receipt is a lock);</li>
 *   <li>counted: not (the month is locked now and the record was received at or after the current lock), i.e. a late
 *       record waits for the month to be reopened and counts from then on; a record received while the month was open
 *       always counts.</li>
 * </ul>
 * A record without a receipt time (assessment-service's own: refused while the month is locked) is never late. A change
 * without a time (ingested before V9) is ignored for lateness. Plain Java.
 */
public final class LockHistory {
    /** One lock ({@code locked}) or reopen, with its event time and (for a reopen) its reason. */
    public record Change(boolean locked, OffsetDateTime at, String reason) {
    }

    private final List<Change> changes;

    /** {@code changes} in the order they were made. */
    public LockHistory(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    public static LockHistory none() {
        return new LockHistory(List.of());
    }

    public boolean lockedNow() {
        return !changes.isEmpty() && changes.get(changes.size() - 1).locked();
    }

    /** When the current lock was taken; null when the month is open (or its lock carries no time). */
    public Instant currentLockAt() {
        if (!lockedNow()) {
            return null;
        }
        OffsetDateTime at = changes.get(changes.size() - 1).at();
        return at == null ? null : at.toInstant();
    }

    /** Whether a record received at {@code received} reached us while the month was locked. */
    public boolean late(Instant received) {
        if (received == null) {
            return false;
        }
        boolean locked = false;
        for (Change c : changes) {
            if (c.at() == null) {
                continue;
            }
            if (c.at().toInstant().isAfter(received)) {
                break;
            }
            locked = c.locked();
        }
        return locked;
    }

    /** Whether a record received at {@code received} counts in the month's figures now. */
    public boolean counted(Instant received) {
        Instant lockAt = currentLockAt();
        return received == null || lockAt == null || received.isBefore(lockAt);
    }

    /** The reason of the last reopen, or null when the month was never reopened. */
    public String lastReopenReason() {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (!changes.get(i).locked()) {
                return changes.get(i).reason();
            }
        }
        return null;
    }
}
