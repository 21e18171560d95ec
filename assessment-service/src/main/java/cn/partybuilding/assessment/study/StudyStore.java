package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores study records of any {@link StudyKind}, one or thousands per call, in one transaction: every row is checked
 * first (all or nothing), members are loaded once per call, rows whose natural key already exists (or repeats within the
 * call) are returned as they are and emit nothing, new rows go in with one JDBC batch and their events with one outbox batch.
 */
@ApplicationScoped
public class StudyStore {
    private static final int CHUNK = 1000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrganisationService organisation;

    @Inject
    PeriodService periods;

    @Inject
    IndicatorSystemService indicators;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    /** What a batch did, as the audit trail records it: how many rows came, how many were new. */
    record BatchCounts(String period, int received, int created, int duplicates) {
    }

    /** One stored or found record, in the order of the request. */
    public record Outcome<R>(R record, boolean created) {
    }

    /**
     * @param period  for a batch: the month every date must fall in (checked open once); null for a single record
     * @param prefix  field name prefix of row i, e.g. {@code "completions[%d]."}; "" for a single record
     */
    @Transactional
    public <R extends StudyRecord> List<Outcome<R>> store(StudyKind<R> kind, List<R> rows, String period, String prefix) {
        return store(kind, rows, period, prefix, unitCode -> true);
    }

    /**
     * Same, for a caller who may only write records of members of the units {@code visible} accepts (a unit secretary:
     * its own): another unit's member is refused exactly as an unknown one. One audit record per call: a single record
     * by its natural key, a batch by its month with the counts.
     */
    @Transactional
    public <R extends StudyRecord> List<Outcome<R>> store(StudyKind<R> kind, List<R> rows, String period, String prefix,
                                                          java.util.function.Predicate<String> visible) {
        List<Outcome<R>> outcomes = check(kind, rows, period, prefix, visible);
        if (period == null && outcomes.size() == 1) {
            Outcome<R> one = outcomes.get(0);
            audit.accepted(kind.table(), kind.key(one.record()), one.created() ? null : one.record(), one.record());
        } else {
            int created = (int) outcomes.stream().filter(Outcome::created).count();
            audit.accepted(kind.table() + "_batch", period + ":" + rows.size(), null,
                    new BatchCounts(period, rows.size(), created, rows.size() - created));
        }
        return outcomes;
    }

    private <R extends StudyRecord> List<Outcome<R>> check(StudyKind<R> kind, List<R> rows, String period, String prefix,
                                                            java.util.function.Predicate<String> visible) {
        LocalDate today = LocalDate.now(clock);
        YearMonth month = null;
        if (period != null) {
            month = Periods.month("period", period);
        }
        Checks checks = new Checks();
        Set<String> months = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            R row = rows.get(i);
            String p = prefix.isEmpty() ? "" : String.format(prefix, i);
            if (row == null) {
                checks.add(p.isEmpty() ? "body" : p.substring(0, p.length() - 1), "不能为空");
                continue;
            }
            checks.required(p + "memberId", row.memberId());
            if (checks.required(p + "date", row.date())) {
                if (row.date().isAfter(today)) {
                    checks.add(p + "date", "日期不能晚于今天: " + row.date());
                } else if (month != null && !YearMonth.from(row.date()).equals(month)) {
                    checks.add(p + "date", "日期 " + row.date() + " 不在批次所属月份 " + period + " 内");
                }
                months.add(Periods.of(row.date()));
            }
            kind.check(checks, p, row);
        }
        checks.throwIfAny("学习记录不完整或无效，未写入任何数据");

        Map<String, Member> members = organisation.membersById(rows.stream().map(StudyRecord::memberId).distinct().toList());
        Map<Integer, BigDecimal> passScores = new HashMap<>();
        List<Violation> refs = new ArrayList<>();
        List<R> completed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            R row = rows.get(i);
            String p = prefix.isEmpty() ? "" : String.format(prefix, i);
            Member member = members.get(row.memberId());
            if (member == null || !visible.test(member.unitCode)) {
                refs.add(new Violation(p + "memberId", "未知党员: " + row.memberId()));
            } else if (row.unitCode() != null && !row.unitCode().equals(member.unitCode)) {
                refs.add(new Violation(p + "unitCode", "党员 " + row.memberId() + " 属于单位 " + member.unitCode + "，不是 " + row.unitCode()));
            } else {
                try {
                    completed.add(kind.complete(row, member.unitCode, year -> passScores.computeIfAbsent(year,
                            y -> indicators.requireCurrent(p + "date", y).examPassScore())));
                } catch (ProblemException e) {
                    refs.addAll(e.violations());
                }
            }
        }
        // a member who has left (active=false) keeps the records of the time they were a member: only unknown ids are refused
        ProblemException.throwIfAny("学习记录引用了未知党员或其他单位，未写入任何数据", refs);
        if (month != null) {
            periods.requireOpen("period", period);
        } else {
            for (String m : months) {
                periods.requireOpen("date", m);
            }
        }
        return write(kind, completed, true, row -> false);
    }

    /**
     * Stores records another system already published on the study topic: new natural keys are inserted, known ones
     * ignored, and no event is emitted (the record is on the topic already). Rows must be complete and checked. A record
     * of a month that is locked when it arrives is kept and marked late (frozen months): this service refuses such a
     * write over REST, but another system's record is a fact that happened; reporting-service leaves it out of the month's
     * figures until the month is reopened.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R extends StudyRecord> int absorb(StudyKind<R> kind, List<R> rows) {
        Map<String, Boolean> locked = new HashMap<>();
        return (int) write(kind, rows, false, row -> locked.computeIfAbsent(Periods.of(row.date()), periods::isLocked))
                .stream().filter(Outcome::created).count();
    }

    /** A record another system sent for a month while it was locked. */
    public record LateRecord(String kind, String memberId, String unitCode, LocalDate date, java.time.OffsetDateTime receivedAt) {
    }

    /** The records of a month that arrived while it was locked, by date and member. */
    public List<LateRecord> late(String period) {
        YearMonth month = Periods.month("period", period);
        List<LateRecord> late = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (StudyKind<?> kind : List.of(StudyKinds.COMPLETION, StudyKinds.EXAM, StudyKinds.POINTS)) {
                // table and column names are constants of the kinds, never user input
                try (PreparedStatement select = connection.prepareStatement("select member_id, unit_code, " + kind.dateColumn() + ", recorded_at from "
                        + kind.table() + " where received_while_locked and " + kind.dateColumn() + " between ? and ?")) {
                    select.setDate(1, java.sql.Date.valueOf(month.atDay(1)));
                    select.setDate(2, java.sql.Date.valueOf(month.atEndOfMonth()));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            late.add(new LateRecord(kind.eventType(), rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                                    rs.getObject(4, java.time.OffsetDateTime.class)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the late records of " + period, e);
        }
        late.sort(java.util.Comparator.comparing(LateRecord::date).thenComparing(LateRecord::memberId));
        return late;
    }

    private <R extends StudyRecord> List<Outcome<R>> write(StudyKind<R> kind, List<R> rows, boolean publish, java.util.function.Predicate<R> late) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, R> existing = existing(connection, kind, rows);
            Map<String, R> fresh = new LinkedHashMap<>();
            List<Outcome<R>> outcomes = new ArrayList<>(rows.size());
            for (R row : rows) {
                String key = kind.key(row);
                R found = existing.get(key);
                if (found != null) {
                    outcomes.add(new Outcome<>(found, false));
                } else if (fresh.containsKey(key)) {
                    outcomes.add(new Outcome<>(fresh.get(key), false));
                } else {
                    fresh.put(key, row);
                    outcomes.add(new Outcome<>(row, true));
                }
            }
            List<R> inserts = new ArrayList<>(fresh.values());
            String sql = kind.insert();
            int lateParameter = (int) sql.chars().filter(ch -> ch == '?').count();
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int from = 0; from < inserts.size(); from += CHUNK) {
                    for (R row : inserts.subList(from, Math.min(inserts.size(), from + CHUNK))) {
                        kind.bind(insert, row, now);
                        insert.setBoolean(lateParameter, late.test(row));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (publish) {
                List<CloudEvent> batch = new ArrayList<>(inserts.size());
                for (R row : inserts) {
                    batch.add(events.event(kind.eventType(), row.unitCode(), kind.payload(row)));
                }
                events.publishAll(Topics.STUDY, batch);
            }
            return outcomes;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                // the cause stays: the study consumer's platform handler reads it as a race and retries the poll
                ProblemException conflict = ProblemException.conflict("body", "同一记录正被并发提交，请重试");
                conflict.initCause(e);
                throw conflict;
            }
            throw new IllegalStateException("cannot store study records: " + e.getMessage(), e);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null && isUniqueViolation(b.getNextException())) {
                return true;
            }
        }
        return false;
    }

    /** Existing records of the call's members (and dates), keyed by natural key; one query per 500 members. */
    private <R extends StudyRecord> Map<String, R> existing(Connection connection, StudyKind<R> kind, List<R> rows) throws SQLException {
        if (rows.isEmpty()) {
            return Collections.emptyMap();
        }
        return existing(connection, kind, rows.stream().map(StudyRecord::memberId).distinct().toList(),
                rows.stream().map(StudyRecord::date).min(LocalDate::compareTo).orElseThrow(),
                rows.stream().map(StudyRecord::date).max(LocalDate::compareTo).orElseThrow());
    }

    private <R extends StudyRecord> Map<String, R> existing(Connection connection, StudyKind<R> kind, List<String> memberIds,
                                                            LocalDate from, LocalDate to) throws SQLException {
        Map<String, R> found = new HashMap<>();
        for (int start = 0; start < memberIds.size(); start += 500) {
            List<String> chunk = memberIds.subList(start, Math.min(memberIds.size(), start + 500));
            String sql = String.format(kind.selectExisting(), String.join(",", Collections.nCopies(chunk.size(), "?")));
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (String id : chunk) {
                    select.setString(i++, id);
                }
                if (kind.dateBounded()) {
                    select.setDate(i++, java.sql.Date.valueOf(from));
                    select.setDate(i, java.sql.Date.valueOf(to));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        R row = kind.read(rs);
                        found.put(kind.key(row), row);
                    }
                }
            }
        }
        return found;
    }

    /** Records of a member, or of a unit's members, in a month, for reading back. */
    public <R extends StudyRecord> List<R> list(StudyKind<R> kind, String unitCode, String memberId, String period) {
        YearMonth month = Periods.month("period", period);
        if (memberId == null && unitCode == null) {
            throw ProblemException.invalid("unitCode", "需要 unitCode 或 memberId");
        }
        List<String> ids = memberId != null ? List.of(memberId)
                : Member.<Member>list("unitCode", unitCode).stream().map(m -> m.memberId).toList();
        try (Connection connection = dataSource.getConnection()) {
            return existing(connection, kind, ids, month.atDay(1), month.atEndOfMonth()).values().stream()
                    .filter(r -> YearMonth.from(r.date()).equals(month))
                    .sorted(java.util.Comparator.comparing(StudyRecord::date).thenComparing(StudyRecord::memberId)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
