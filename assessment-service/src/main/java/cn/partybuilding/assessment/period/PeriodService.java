package cn.partybuilding.assessment.period;

import cn.partybuilding.assessment.common.EventPublisher;
import cn.partybuilding.assessment.common.Periods;
import cn.partybuilding.assessment.common.ProblemException;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    public record PeriodStatus(String period, boolean locked, List<PeriodChangeView> history) {
    }

    public record PeriodChangeView(String action, String reason, String by, OffsetDateTime at) {
    }

    @Transactional
    public PeriodStatus lock(String period, String by) {
        YearMonth month = Periods.parse("period", period);
        PeriodLock row = PeriodLock.findById(period);
        if (row != null && row.locked) {
            throw ProblemException.conflict("period", period + " 已锁定");
        }
        if (month.isAfter(YearMonth.now(clock))) {
            throw ProblemException.invalid("period", "不能锁定将来的月份: " + period);
        }
        change(row, period, true, null, by);
        events.publish(Topics.ASSESSMENT, EventTypes.PERIOD_LOCKED, Topics.COMMITTEE_SUBJECT, new PeriodChange(period, null, actor(by)));
        return status(period);
    }

    @Transactional
    public PeriodStatus reopen(String period, String reason, String by) {
        Periods.parse("period", period);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "重新开放月份必须说明理由");
        }
        if (reason.length() > 1000) {
            throw ProblemException.invalid("reason", "长度不能超过 1000");
        }
        PeriodLock row = PeriodLock.findById(period);
        if (row == null || !row.locked) {
            throw ProblemException.conflict("period", period + " 未锁定，无需重新开放");
        }
        change(row, period, false, reason.trim(), by);
        events.publish(Topics.ASSESSMENT, EventTypes.PERIOD_REOPENED, Topics.COMMITTEE_SUBJECT, new PeriodChange(period, reason.trim(), actor(by)));
        return status(period);
    }

    private void change(PeriodLock row, String period, boolean locked, String reason, String by) {
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
    }

    private static String actor(String by) {
        return by == null || by.isBlank() ? "committee" : by.trim();
    }

    public PeriodStatus status(String period) {
        Periods.parse("period", period);
        PeriodLock row = PeriodLock.findById(period);
        List<PeriodChangeView> history = PeriodChangeRow.<PeriodChangeRow>list("period = ?1 order by id", period).stream()
                .map(h -> new PeriodChangeView(h.action, h.reason, h.changedBy, h.changedAt)).toList();
        return new PeriodStatus(period, row != null && row.locked, history);
    }

    public List<PeriodStatus> all() {
        return PeriodLock.<PeriodLock>list("order by period").stream().map(p -> status(p.period)).toList();
    }

    public boolean isLocked(String period) {
        PeriodLock row = PeriodLock.findById(period);
        return row != null && row.locked;
    }

    /** 409 naming {@code field} when the month is locked. */
    public void requireOpen(String field, String period) {
        if (isLocked(period)) {
            throw ProblemException.conflict(field, period + " 已锁定，不能再写入；如需更正请先说明理由重新开放该月");
        }
    }

    /** A month that may receive scores: not in the future. */
    public YearMonth requireScorable(String field, String period) {
        YearMonth month = Periods.parse(field, period);
        if (month.isAfter(YearMonth.now(clock))) {
            throw ProblemException.invalid(field, "不能为将来的月份评分: " + period);
        }
        requireOpen(field, period);
        return month;
    }

    /** A date that may receive study records: not in the future, inside an open month. */
    public void requireOpenDate(String field, LocalDate date) {
        if (date == null) {
            throw ProblemException.invalid(field, "必填");
        }
        if (date.isAfter(LocalDate.now(clock))) {
            throw ProblemException.invalid(field, "日期不能晚于今天: " + date);
        }
        requireOpen(field, Periods.of(date));
    }
}
