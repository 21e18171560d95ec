package cn.partybuilding.assessment.period;

import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.PlainText;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

/** Locks and reopens months. Every write of a month asks {@link #requireOpen} first. */
@ApplicationScoped
public class PeriodService {
    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** A month's lock state as the audit trail records it before and after a change. */
    record LockState(String state, String by, String reason) {
    }

    public record PeriodStatus(String period, boolean locked, List<PeriodChangeView> history) {
    }

    public record PeriodChangeView(String action, String reason, String by, OffsetDateTime at) {
    }

    @Transactional
    public PeriodStatus lock(String period, String by) {
        YearMonth month = Periods.month("period", period);
        PeriodLock row = em.find(PeriodLock.class, period, LockModeType.PESSIMISTIC_WRITE);
        if (row != null && row.locked) {
            throw ProblemException.conflict("period", period + " 已锁定");
        }
        if (month.isAfter(YearMonth.now(clock))) {
            throw ProblemException.invalid("period", "不能锁定将来的月份: " + period);
        }
        PeriodChangeRow change = change(row, period, true, null, by);
        events.publish(Topics.ASSESSMENT, EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT, PeriodChange.of(change));
        audit.accepted("period", period, new LockState("OPEN", null, null), new LockState("LOCKED", change.changedBy, null));
        return status(period);
    }

    @Transactional
    public PeriodStatus reopen(String period, String reason, String by) {
        Periods.month("period", period);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "重新开放月份必须说明理由");
        }
        if (reason.length() > 1000) {
            throw ProblemException.invalid("reason", "长度不能超过 1000");
        }
        if (!PlainText.isText(reason)) {
            throw ProblemException.invalid("reason", PlainText.REASON);
        }
        PeriodLock row = em.find(PeriodLock.class, period, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !row.locked) {
            throw ProblemException.conflict("period", period + " 未锁定，无需重新开放");
        }
        PeriodChangeRow change = change(row, period, false, reason.trim(), by);
        events.publish(Topics.ASSESSMENT, EventTypes.PERIOD_REOPENED, Topics.COMMITTEE_SUBJECT, PeriodChange.of(change));
        audit.accepted("period", period, new LockState("LOCKED", null, null), new LockState("OPEN", change.changedBy, change.reason));
        return status(period);
    }

    private PeriodChangeRow change(PeriodLock row, String period, boolean locked, String reason, String by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (row == null) {
            row = new PeriodLock();
            row.period = period;
            row.locked = locked;
            row.changedAt = now;
            row.changedBy = actor(by);
            row.persist();
        } else {
            row.locked = locked;
            row.changedAt = now;
            row.changedBy = actor(by);
        }
        PeriodChangeRow history = new PeriodChangeRow();
        history.period = period;
        history.action = locked ? "LOCKED" : "REOPENED";
        history.reason = reason;
        history.changedBy = actor(by);
        history.changedAt = now;
        history.persist();
        return history;
    }

    private static String actor(String by) {
        if (by == null || by.isBlank()) {
            return "committee";
        }
        String name = by.trim();
        return name.length() <= 100 ? name : name.substring(0, 100); // the column's width; a token's name is not checked
    }

    public PeriodStatus status(String period) {
        Periods.month("period", period);
        PeriodLock row = PeriodLock.findById(period);
        List<PeriodChangeView> history = PeriodChangeRow.<PeriodChangeRow>list("period = ?1 order by id", period).stream()
                .map(h -> new PeriodChangeView(h.action, h.reason, h.changedBy, h.changedAt)).toList();
        return new PeriodStatus(period, row != null && row.locked, history);
    }

    public List<PeriodStatus> all() {
        return PeriodLock.<PeriodLock>list("order by period").stream().map(p -> status(p.period)).toList();
    }

    /** The months of the year that are locked now. */
    public List<YearMonth> lockedMonths(int year) {
        return PeriodLock.<PeriodLock>list("locked = true and period like ?1", year + "-%").stream().map(p -> YearMonth.parse(p.period)).toList();
    }

    public boolean isLocked(String period) {
        PeriodLock row = PeriodLock.findById(period);
        return row != null && row.locked;
    }

    /**
     * 409 naming {@code field} when the month is locked. Called inside the writer's transaction: it holds a shared lock
     * on the month's row until commit, so a concurrent {@link #lock} waits for the write (and a write after the lock sees
     * it). The row is created, unlocked, by the first write of a month (in its own short transaction), so callers check
     * everything else first and call this last, just before they write.
     */
    public void requireOpen(String field, String period) {
        PeriodLock row = em.find(PeriodLock.class, period, LockModeType.PESSIMISTIC_READ);
        if (row == null) {
            createUnlocked(period);
            row = em.find(PeriodLock.class, period, LockModeType.PESSIMISTIC_READ);
            if (row == null) {
                throw new IllegalStateException("cannot create the period row of " + period);
            }
        }
        if (row.locked) {
            throw ProblemException.conflict(field, period + " 已锁定，不能再写入；如需更正请先说明理由重新开放该月");
        }
    }

    private void createUnlocked(String period) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (PeriodLock.findById(period) == null) {
                    PeriodLock row = new PeriodLock();
                    row.period = period;
                    row.locked = false;
                    row.changedAt = OffsetDateTime.now(clock);
                    row.changedBy = "system";
                    row.persist();
                }
            });
        } catch (RuntimeException e) {
            // created concurrently by another writer: the row is there, which is all that matters
        }
    }

    /** A month that may receive scores, findings, bonuses: a valid month, not in the future. Reads nothing. */
    public YearMonth scorableMonth(String field, String period) {
        YearMonth month = Periods.month(field, period);
        if (month.isAfter(YearMonth.now(clock))) {
            throw ProblemException.invalid(field, "不能为将来的月份评分: " + period);
        }
        return month;
    }

}
