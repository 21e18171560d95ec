package cn.partybuilding.reporting.facts;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.LockHistory;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.Membership;
import cn.partybuilding.reporting.scoring.StudyRequirements;
import cn.partybuilding.reporting.scoring.UnitFacts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static cn.partybuilding.reporting.facts.Sql.query;

/**
 * Reads the facts of a month (all units, or one unit with the event ids behind each number) with plain JDBC. Not cached
 * here: the ranking package caches what it derives ({@code ranking.RankingCache}).
 */
@ApplicationScoped
public class FactsReader {
    private static final int EVIDENCE_LIMIT = 500;
    /** A member_period row {@code p} in a month's roster: its period contains the day given twice as parameters. */
    private static final String IN_ROSTER = "(p.valid_from is null or p.valid_from <= ?) and (p.valid_to is null or p.valid_to >= ?)";

    @Inject
    AgroalDataSource dataSource;

    /**
     * The month's three heavy reads run on three connections at once: two of them here (at most two at a time, as the
     * former dedicated pool), the third on the caller's thread. No context is propagated: a read must never join the
     * caller's transaction from another thread.
     */
    @Inject
    @ManagedExecutorConfig(maxAsync = 2, propagated = {}, cleared = ThreadContext.ALL_REMAINING)
    ManagedExecutor parallel;

    /** Every version received of the year's indicator system, lowest first (empty when none was published). */
    public List<IndicatorSystem> indicatorSystems(int year) {
        List<IndicatorSystem> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select body from indicator_system where for_year = ? order by version")) {
            s.setInt(1, year);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.add(CloudEventCodec.MAPPER.readValue(rs.getString(1), IndicatorSystem.class));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read indicator system " + year, e);
        }
        return versions;
    }

    /** Facts of every unit (registered, or assessed in the month), keyed and sorted by unit code. */
    public Map<String, UnitFacts> month(IndicatorSystem system, YearMonth month) {
        return load(system, month, null);
    }

    /**
     * A unit's facts with the event ids behind its study, exam and points figures, and what each event behind any of its
     * numbers (scores, findings and bonuses included) was, by event id.
     */
    public record UnitWithEvidence(UnitFacts facts, Map<String, Evidence> evidence, List<Evidence> late) {
    }

    /**
     * The figures' side of the frozen-months rule ({@link LockHistory#counted}) as a SQL condition on a study fact
     * {@code alias} whose month is {@code periodExpr}: false while that month is locked and the fact was received at or
     * after its current lock (a late record waits for a reopen). period_state holds a row per month ever locked, so the
     * anti-join is a hash of a handful of rows. Only constants of this class are inlined.
     */
    static String counted(String alias, String periodExpr) {
        return " not exists (select 1 from period_state ps where ps.period = " + periodExpr + " and ps.locked and ps.locked_at <= "
                + alias + ".received_at)";
    }

    private static final String COMPLETION_COUNTED = counted("s", "s.period");
    private static final String EXAM_COUNTED = counted("t", "to_char(t.on_day, 'YYYY-MM')");
    private static final String POINTS_COUNTED = EXAM_COUNTED;

    /** The month's locks and reopens in topic order (empty when it was never locked). */
    private static LockHistory lockHistory(Connection c, YearMonth month) throws SQLException {
        List<LockHistory.Change> changes = new ArrayList<>();
        query(c, "select locked, changed_at, reason from period_change where period = ? order by seq", rs -> changes.add(
                new LockHistory.Change(rs.getBoolean(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3))), month.toString());
        return new LockHistory(changes);
    }

    /**
     * A month's lock as reporting-service last heard of it (period_state, fed by period.locked / period.reopened): whether
     * it is locked, the id of the lock event in force (null when open), and its history.
     */
    public record MonthLock(boolean locked, String lockEventId, LockHistory history) {
    }

    /** The month's lock, read on {@code c} (the publishing transaction's connection). */
    public static MonthLock monthLock(Connection c, YearMonth month) throws SQLException {
        boolean[] locked = {false};
        String[] eventId = {null};
        query(c, "select locked, event_id from period_state where period = ?", rs -> {
            locked[0] = rs.getBoolean(1);
            eventId[0] = rs.getString(2);
        }, month.toString());
        return new MonthLock(locked[0], locked[0] ? eventId[0] : null, lockHistory(c, month));
    }

    /** Facts of one unit with the evidence behind every number; 404 when the unit is unknown. */
    public UnitWithEvidence unit(IndicatorSystem system, YearMonth month, String unitCode) {
        UnitFacts facts = load(system, month, unitCode).get(unitCode);
        if (facts == null) {
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "unknown unit");
        }
        return attachEvidence(Map.of(unitCode, facts), system, month).get(unitCode);
    }

    /**
     * Every unit of {@code month} with its evidence, from facts already read ({@code monthFacts}: the live ranking's),
     * {@code chunkSize} units at a time: the evidence of one chunk is read with a handful of statements and attached to
     * copies of its units ({@link UnitFacts#withoutEvidence}), which are dropped after {@code action}; the given facts are
     * not changed. Reading the month's facts again for this pass held a second copy of its 50,000 members (~30 MB) beside
     * the live ranking's. Stops before a chunk or a unit when {@code keepGoing} says so (false: stopped).
     */
    public boolean forEachUnitWithEvidence(IndicatorSystem system, YearMonth month, Map<String, UnitFacts> monthFacts, int chunkSize,
                                           java.util.function.BooleanSupplier keepGoing, java.util.function.Consumer<UnitWithEvidence> action) {
        List<UnitFacts> all = new ArrayList<>(new TreeMap<>(monthFacts).values()); // by unit code
        for (int start = 0; start < all.size(); start += chunkSize) {
            if (!keepGoing.getAsBoolean()) {
                return false;
            }
            Map<String, UnitFacts> units = new HashMap<>();
            all.subList(start, Math.min(all.size(), start + chunkSize)).forEach(u -> units.put(u.unitCode(), u.withoutEvidence()));
            Map<String, UnitWithEvidence> withEvidence = attachEvidence(units, system, month);
            for (UnitFacts unit : all.subList(start, Math.min(all.size(), start + chunkSize))) {
                if (!keepGoing.getAsBoolean()) {
                    return false;
                }
                action.accept(withEvidence.get(unit.unitCode()));
            }
        }
        return true;
    }

    /**
     * Adds to each unit the event ids behind its study, exam and points figures of the month: the first
     * {@value #EVIDENCE_LIMIT} of each kind by day and event id, and says what every event behind any of its numbers was
     * (who, when, from which system: {@link Evidence}); six statements (a window per unit for the high-volume kinds) for
     * any number of units. The one place that decides what a scorecard's drill-down lists, for one unit and for the bulk
     * pass alike.
     */
    private Map<String, UnitWithEvidence> attachEvidence(Map<String, UnitFacts> units, IndicatorSystem system, YearMonth month) {
        Date from = Date.valueOf(month.atDay(1));
        Date to = Date.valueOf(month.atEndOfMonth());
        Map<String, Map<String, Evidence>> evidence = new HashMap<>();
        Map<String, List<Evidence>> late = new HashMap<>();
        units.keySet().forEach(u -> {
            evidence.put(u, new HashMap<>());
            late.put(u, new ArrayList<>());
        });
        try (Connection c = dataSource.getConnection()) {
            LockHistory locks = lockHistory(c, month);
            // the units' codes as an array (not a range: the database's collation may order codes unlike Java)
            java.sql.Array codes = c.createArrayOf("varchar", units.keySet().toArray());
            // the completions the score counts (issue 13.1: a weekly one in the month of its week's Monday) of the members in
            // the month's roster (issue 12.3), as the scoring reads them in membersWithCounts; a record another system sent
            // while the month was locked is listed as late and counts only once the month was reopened (frozen months)
            String counted = countedCompletions(system, month);
            Date rosterDay = Date.valueOf(Membership.rosterDay(month));
            if (counted != null) {
                query(c, "select unit_code, activity_type, event_id, member_id, name, on_day, event_source, event_time, received_at, meeting_id from "
                        + "(select p.unit_code, s.activity_type, s.event_id, s.member_id, p.name, s.on_day, s.event_source, s.event_time, "
                        + "s.received_at, s.meeting_id, row_number() over (partition by p.unit_code order by s.on_day, s.event_id) as n from study_completion s "
                        + "join member_period p on p.member_id = s.member_id and " + IN_ROSTER + " join unnest(?) as u(code) on p.unit_code = u.code "
                        + "where " + counted + ") e where n <= " + EVIDENCE_LIMIT + " order by unit_code, n", rs -> {
                    UnitFacts unit = units.get(rs.getString(1));
                    if (unit != null) {
                        ActivityType type = ActivityType.valueOf(rs.getString(2));
                        Evidence item = Evidence.study(rs.getString(3), type, rs.getString(4), rs.getString(5),
                                rs.getDate(6).toLocalDate(), rs.getString(10), rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class));
                        if (behindTheNumber(locks, rs.getObject(9, java.time.OffsetDateTime.class), item, late.get(unit.unitCode()), evidence.get(unit.unitCode()))) {
                            unit.studyEvent(type, rs.getString(3));
                        }
                    }
                }, rosterDay, rosterDay, codes);
            }
            query(c, "select unit_code, event_id, member_id, name, on_day, exam_id, score, passed, event_source, event_time, received_at from (select t.unit_code, "
                    + "t.event_id, t.member_id, m.name, t.on_day, t.exam_id, t.score, t.passed, t.event_source, t.event_time, t.received_at, row_number() over "
                    + "(partition by t.unit_code order by t.on_day, t.event_id) as n from exam_result t join unnest(?) as u(code) on t.unit_code = u.code "
                    + "left join member m on m.member_id = t.member_id where t.on_day >= ? and t.on_day <= ?) e where n <= " + EVIDENCE_LIMIT
                    + " order by unit_code, n", rs -> {
                UnitFacts unit = units.get(rs.getString(1));
                if (unit != null) {
                    Evidence item = Evidence.exam(rs.getString(2), rs.getString(6), rs.getString(3), rs.getString(4),
                            rs.getDate(5).toLocalDate(), rs.getBigDecimal(7), rs.getBoolean(8), rs.getString(9),
                            rs.getObject(10, java.time.OffsetDateTime.class));
                    if (behindTheNumber(locks, rs.getObject(11, java.time.OffsetDateTime.class), item, late.get(unit.unitCode()), evidence.get(unit.unitCode()))) {
                        unit.examEventIds().add(rs.getString(2));
                    }
                }
            }, codes, from, to);
            query(c, "select unit_code, event_id, member_id, name, on_day, points, event_source, event_time, received_at from (select t.unit_code, t.event_id, "
                    + "t.member_id, m.name, t.on_day, t.points, t.event_source, t.event_time, t.received_at, row_number() over "
                    + "(partition by t.unit_code order by t.on_day, t.event_id) as n from platform_points t join unnest(?) as u(code) on t.unit_code = u.code "
                    + "left join member m on m.member_id = t.member_id where t.on_day >= ? and t.on_day <= ?) e where n <= " + EVIDENCE_LIMIT
                    + " order by unit_code, n", rs -> {
                UnitFacts unit = units.get(rs.getString(1));
                if (unit != null) {
                    Evidence item = Evidence.points(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class));
                    if (behindTheNumber(locks, rs.getObject(9, java.time.OffsetDateTime.class), item, late.get(unit.unitCode()), evidence.get(unit.unitCode()))) {
                        unit.pointsEventIds().add(rs.getString(2));
                    }
                }
            }, codes, from, to);
            // scores, findings and bonuses: a handful per unit and month, every one behind a number
            String period = month.toString();
            query(c, "select unit_code, event_id, indicator_code, score, revision, assessor, event_source, event_time from assessment t "
                    + "join unnest(?) as u(code) on t.unit_code = u.code where t.period = ?", rs -> evidence.get(rs.getString(1)).put(rs.getString(2),
                    Evidence.score(rs.getString(2), rs.getString(3), period, rs.getBigDecimal(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class))), codes, period);
            query(c, "select unit_code, event_id, deduction_points, source, description, event_source, event_time from finding t "
                    + "join unnest(?) as u(code) on t.unit_code = u.code where t.period = ?", rs -> evidence.get(rs.getString(1)).put(rs.getString(2),
                    Evidence.finding(rs.getString(2), period, rs.getBigDecimal(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, java.time.OffsetDateTime.class))), codes, period);
            query(c, "select unit_code, event_id, points, reason, event_source, event_time from bonus t "
                    + "join unnest(?) as u(code) on t.unit_code = u.code where t.period = ?", rs -> evidence.get(rs.getString(1)).put(rs.getString(2),
                    Evidence.bonus(rs.getString(2), period, rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, java.time.OffsetDateTime.class))), codes, period);
            if (scoresDuties(system)) {
                java.time.LocalDate end = month.atEndOfMonth();
                query(c, "select t.unit_code, t.event_id, t.duty_kind, t.content, t.responsible_member_id, m.name, t.due_date, t.done_on, "
                        + "t.evidence, t.checked_by, t.event_source, t.event_time from responsibility_item t join unnest(?) as u(code) on t.unit_code = u.code "
                        + "left join member m on m.member_id = t.responsible_member_id where t.list_year = ? and t.due_date <= ?", rs -> {
                    java.time.LocalDate doneOn = rs.getObject(8, java.time.LocalDate.class);
                    evidence.get(rs.getString(1)).put(rs.getString(2), Evidence.duty(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, java.time.LocalDate.class), doneOn,
                            doneOn != null && !doneOn.isAfter(end), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getObject(12, java.time.OffsetDateTime.class)));
                }, codes, month.getYear(), to);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the evidence of " + month, e);
        }
        Map<String, UnitWithEvidence> result = new HashMap<>();
        units.forEach((code, facts) -> result.put(code, new UnitWithEvidence(facts, evidence.get(code), late.get(code))));
        return result;
    }

    /**
     * Files one study, exam or points record of the drill-down: a record received while its month was locked is listed
     * among the unit's late records (迟报); it is behind the month's number (evidence, returns true) unless it still waits
     * for a reopen — the same rule as the figures' SQL ({@link #counted}).
     */
    private static boolean behindTheNumber(LockHistory locks, java.time.OffsetDateTime receivedAt, Evidence item, List<Evidence> late,
                                           Map<String, Evidence> evidence) {
        java.time.Instant received = receivedAt == null ? null : receivedAt.toInstant();
        boolean counted = locks.counted(received);
        Evidence shown = locks.late(received) ? item.late(counted) : item;
        if (shown.late() != null) {
            late.add(shown);
        }
        if (counted) {
            evidence.put(item.eventId(), shown);
        }
        return counted;
    }

    /** Whether the system has a RESPONSIBILITY_LIST indicator (only then are the 责任清单 items read). */
    private static boolean scoresDuties(IndicatorSystem system) {
        return system.dimensions().stream().flatMap(d -> d.indicators().stream())
                .anyMatch(i -> i.kind() == cn.partybuilding.reporting.scoring.Enums.IndicatorKind.RESPONSIBILITY_LIST);
    }

    /** The latest month with a score recorded: the one the committee is about to rank and publish. */
    public java.util.Optional<YearMonth> latestAssessedMonth() {
        List<String> latest = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select max(period) from assessment", rs -> latest.add(rs.getString(1)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return latest.isEmpty() || latest.get(0) == null ? java.util.Optional.empty() : java.util.Optional.of(YearMonth.parse(latest.get(0)));
    }

    private Map<String, UnitFacts> load(IndicatorSystem system, YearMonth month, String onlyUnit) {
        String period = month.toString();
        Date from = Date.valueOf(month.atDay(1));
        Date to = Date.valueOf(month.atEndOfMonth());
        String unitFilter = onlyUnit == null ? "" : " and unit_code = ?";
        Map<String, UnitFacts> units = new TreeMap<>();
        CompletableFuture<Map<String, long[]>> perUnit;
        CompletableFuture<List<MemberFacts>> roster;
        if (onlyUnit == null) {
            // the whole month: the three heavy reads (members with their counts; exams and a month of daily points;
            // scores and adjustments) run on three connections at once
            perUnit = CompletableFuture.supplyAsync(() -> unitAggregates(from, to, null), parallel);
            roster = CompletableFuture.supplyAsync(() -> membersWithCounts(system, month, null), parallel);
        } else {
            // one unit: a handful of indexed reads, on the caller's thread
            perUnit = CompletableFuture.completedFuture(unitAggregates(from, to, onlyUnit));
            roster = CompletableFuture.completedFuture(membersWithCounts(system, month, onlyUnit));
        }
        try (Connection c = dataSource.getConnection()) {
            query(c, "select unit_code, name from unit where 1 = 1" + unitFilter, rs -> units.put(rs.getString(1), new UnitFacts(rs.getString(1), rs.getString(2))), onlyUnit);
            query(c, "select unit_code, indicator_code, score, event_id from assessment where period = ?" + unitFilter, rs ->
                    units.computeIfAbsent(rs.getString(1), u -> new UnitFacts(u, null)).manual(rs.getString(2), rs.getDouble(3), rs.getString(4)), period, onlyUnit);
            query(c, "select finding_id, unit_code, deduction_points, source, event_id from finding where period = ?" + unitFilter, rs -> {
                UnitFacts unit = units.get(rs.getString(2));
                if (unit != null) {
                    unit.finding(new UnitFacts.Adjustment(rs.getString(1), rs.getDouble(3), rs.getString(4), rs.getString(5)));
                }
            }, period, onlyUnit);
            query(c, "select bonus_id, unit_code, points, reason, event_id from bonus where period = ?" + unitFilter, rs -> {
                UnitFacts unit = units.get(rs.getString(2));
                if (unit != null) {
                    unit.bonus(new UnitFacts.Adjustment(rs.getString(1), rs.getDouble(3), rs.getString(4), rs.getString(5)));
                }
            }, period, onlyUnit);
            if (scoresDuties(system)) {
                // 责任清单 items of the month's year due by its end (RESPONSIBILITY_LIST); the rest are not due yet
                query(c, "select unit_code, item_id, due_date, done_on, event_id from responsibility_item where list_year = ? and due_date <= ?"
                        + unitFilter, rs -> {
                    UnitFacts unit = units.get(rs.getString(1));
                    if (unit != null) {
                        unit.duty(new UnitFacts.Duty(rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                                rs.getObject(4, java.time.LocalDate.class), rs.getString(5)));
                    }
                }, month.getYear(), to, onlyUnit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read facts of " + period, e);
        }
        try {
            for (MemberFacts m : roster.join()) {
                UnitFacts unit = units.get(m.unitCode());
                if (unit != null) {
                    unit.member(m);
                }
            }
            perUnit.join().forEach((unitCode, figures) -> {
                UnitFacts unit = units.get(unitCode);
                if (unit != null) {
                    unit.exams((int) figures[0], (int) figures[1]);
                    unit.points(figures[2]);
                }
            });
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return units;
    }

    /**
     * Active members, each with the completion counts the month's plan needs, from ONE query: the counts per (activity type,
     * month) of the window are pivoted into columns of the member's row (a left join of one aggregate over the range of the
     * study_completion key), so no second pass or per-member lookup is needed.
     */
    private List<MemberFacts> membersWithCounts(IndicatorSystem system, YearMonth month, String onlyUnit) {
        Date rosterDay = Date.valueOf(Membership.rosterDay(month));
        int firstMonth = month.getMonthValue();
        // the activity types the month requires, each with the frequency that decides which month a completion belongs to
        Map<ActivityType, IndicatorSystem.PlanItem> types = requiredItems(system, month);
        boolean weekly = false;
        for (IndicatorSystem.PlanItem item : types.values()) {
            firstMonth = Math.min(firstMonth, StudyRequirements.windowStart(item, month));
            weekly |= item.frequency() == cn.partybuilding.reporting.scoring.Enums.Frequency.WEEKLY;
        }
        List<ActivityType> columnType = new ArrayList<>();
        List<Integer> columnMonth = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select m.member_id, m.unit_code, m.organization_id, m.name, m.rank, m.role, m.email");
        List<Object> args = new ArrayList<>();
        if (!types.isEmpty()) {
            StringBuilder sums = new StringBuilder();
            StringBuilder typeList = new StringBuilder();
            for (Map.Entry<ActivityType, IndicatorSystem.PlanItem> typeItem : types.entrySet()) {
                ActivityType type = typeItem.getKey();
                typeList.append(typeList.length() == 0 ? "'" : ", '").append(type.name()).append('\'');
                for (int m = firstMonth; m <= month.getMonthValue(); m++) {
                    int column = columnType.size();
                    columnType.add(type);
                    columnMonth.add(m);
                    // a completion counts in the month it belongs to (a weekly one: its week's Monday's), by its day;
                    // enum names and generated dates only: nothing user-supplied is inlined
                    java.time.LocalDate[] days = StudyRequirements.monthDays(typeItem.getValue().frequency(), YearMonth.of(month.getYear(), m));
                    sums.append(", sum(case when s.activity_type = '").append(type.name()).append("' and s.on_day between date '")
                            .append(days[0]).append("' and date '").append(days[1]).append("' then 1 else 0 end) as c").append(column);
                    sql.append(", c.c").append(column);
                }
            }
            sql.append(" from member_period m left join (select s.member_id").append(sums).append(" from study_completion s");
            if (onlyUnit != null) {
                // one unit: from its members into the key of study_completion (an index probe per member, no month scan)
                sql.append(" join member_period mu on mu.member_id = s.member_id and mu.unit_code = ? and ").append(IN_ROSTER.replace("p.", "mu."));
                args.add(onlyUnit);
                args.add(rosterDay);
                args.add(rosterDay);
            }
            // the window's periods as a list (generated, not user input): an equality on the key's first column per month
            StringBuilder periods = new StringBuilder();
            // (the stored period is the calendar month; a weekly item's last week may end up to 6 days into the next one)
            int lastMonth = month.getMonthValue() + (weekly ? 1 : 0);
            for (int m = firstMonth; m <= lastMonth; m++) {
                periods.append(periods.length() == 0 ? "'" : ", '").append(YearMonth.of(month.getYear(), 1).plusMonths(m - 1)).append('\'');
            }
            sql.append(" where s.period in (").append(periods).append(") and s.activity_type in (").append(typeList).append(')');
            // frozen months: a record another system sent while its month is locked waits for a reopen
            sql.append(" and").append(COMPLETION_COUNTED);
            sql.append(" group by s.member_id) c on c.member_id = m.member_id");
        } else {
            sql.append(" from member_period m");
        }
        // the month's roster: the members whose membership period contains its last day (scoring.Membership)
        sql.append(" where ").append(IN_ROSTER.replace("p.", "m."));
        args.add(rosterDay);
        args.add(rosterDay);
        if (onlyUnit != null) {
            sql.append(" and m.unit_code = ?");
            args.add(onlyUnit);
        }
        List<MemberFacts> members = new ArrayList<>();
        int columns = columnType.size();
        // one String per unit code and organisation id, not one per member row: a month's ranking keeps these facts
        Map<String, String> shared = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Sql.stream(c, sql.toString(), rs -> {
                String unit = rs.getString(2);
                String organization = rs.getString(3);
                MemberFacts m = new MemberFacts(rs.getString(1), rs.getString(4), unit == null ? null : shared.computeIfAbsent(unit, u -> u),
                        organization == null ? null : shared.computeIfAbsent(organization, o -> o),
                        MemberRole.valueOf(rs.getString(6)), MemberRank.valueOf(rs.getString(5)), rs.getString(7));
                for (int i = 0; i < columns; i++) {
                    int done = rs.getInt(8 + i);
                    if (done > 0) {
                        m.count(columnType.get(i), columnMonth.get(i), done);
                    }
                }
                members.add(m);
            }, args.toArray());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the members of " + month, e);
        }
        return members;
    }

    /** The plan items the month requires, the first one per activity type (its frequency decides a completion's month). */
    private static Map<ActivityType, IndicatorSystem.PlanItem> requiredItems(IndicatorSystem system, YearMonth month) {
        Map<ActivityType, IndicatorSystem.PlanItem> types = new java.util.EnumMap<>(ActivityType.class);
        for (IndicatorSystem.PlanItem item : system.studyPlan()) {
            if (StudyRequirements.required(item, month) > 0) {
                types.putIfAbsent(item.activityType(), item);
            }
        }
        return types;
    }

    /**
     * The completions the month's study score counts, as a condition on {@code s} (study_completion): per required
     * activity type, the days of its counting window ({@link StudyRequirements#countingDays}: a weekly one by the month of
     * its week's Monday), with the stored calendar months those days fall in (the key's first column); null when the
     * month requires nothing. Generated dates and enum names only: nothing user-supplied is inlined.
     */
    private static String countedCompletions(IndicatorSystem system, YearMonth month) {
        Map<ActivityType, IndicatorSystem.PlanItem> types = requiredItems(system, month);
        if (types.isEmpty()) {
            return null;
        }
        java.time.LocalDate first = null;
        java.time.LocalDate last = null;
        StringBuilder windows = new StringBuilder();
        for (Map.Entry<ActivityType, IndicatorSystem.PlanItem> type : types.entrySet()) {
            java.time.LocalDate[] days = StudyRequirements.countingDays(type.getValue(), month);
            windows.append(windows.length() == 0 ? "(" : " or ").append("(s.activity_type = '").append(type.getKey().name())
                    .append("' and s.on_day between date '").append(days[0]).append("' and date '").append(days[1]).append("')");
            first = first == null || days[0].isBefore(first) ? days[0] : first;
            last = last == null || days[1].isAfter(last) ? days[1] : last;
        }
        StringBuilder periods = new StringBuilder();
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
            periods.append(periods.length() == 0 ? "'" : ", '").append(m).append('\'');
        }
        return "s.period in (" + periods + ") and " + windows + ")";
    }

    /** unit → {examined, passed, points} of the month. */
    private Map<String, long[]> unitAggregates(Date from, Date to, String onlyUnit) {
        String unitFilter = onlyUnit == null ? "" : " and unit_code = ?";
        Map<String, long[]> figures = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select unit_code, count(*), sum(case when passed then 1 else 0 end) from exam_result t where on_day >= ? and on_day <= ?"
                    + unitFilter + " and" + EXAM_COUNTED + " group by unit_code", rs -> {
                long[] f = figures.computeIfAbsent(rs.getString(1), u -> new long[3]);
                f[0] = rs.getLong(2);
                f[1] = rs.getLong(3);
            }, from, to, onlyUnit);
            query(c, "select unit_code, sum(points) from platform_points t where on_day >= ? and on_day <= ?" + unitFilter + " and" + POINTS_COUNTED
                    + " group by unit_code",
                    rs -> figures.computeIfAbsent(rs.getString(1), u -> new long[3])[2] = rs.getLong(2), from, to, onlyUnit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read exam and points figures", e);
        }
        return figures;
    }

    /** Active members of every registered unit, keyed by unit code. */
    public Map<String, List<MemberFacts>> roster() {
        Map<String, List<MemberFacts>> byUnit = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select member_id, unit_code, organization_id, name, rank, role, email from member where active = true", rs ->
                    byUnit.computeIfAbsent(rs.getString(2), u -> new ArrayList<>()).add(new MemberFacts(rs.getString(1), rs.getString(4),
                            rs.getString(2), rs.getString(3), MemberRole.valueOf(rs.getString(6)), MemberRank.valueOf(rs.getString(5)), rs.getString(7))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return byUnit;
    }

    /** Codes and names of the registered units. */
    public Map<String, String> unitNames() {
        Map<String, String> names = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select unit_code, name from unit", rs -> names.put(rs.getString(1), rs.getString(2)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /**
     * The county's rectification items OVERDUE now (issue 16.4, for the monthly bulletin), by unit code and deadline: itemId,
     * unitCode, unitName, deadline, and the finding's description and source.
     */
    public List<Map<String, Object>> overdueRectifications() {
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select r.item_id, r.unit_code, u.name, r.deadline, f.description, f.source from rectification r "
                    + "left join unit u on u.unit_code = r.unit_code left join finding f on f.finding_id = r.finding_id "
                    + "where r.status = 'OVERDUE' order by r.unit_code, r.deadline, r.item_id", rs -> {
                Map<String, Object> item = new java.util.LinkedHashMap<>();
                item.put("itemId", rs.getString(1));
                item.put("unitCode", rs.getString(2));
                item.put("unitName", rs.getString(3) == null ? rs.getString(2) : rs.getString(3));
                item.put("deadline", rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate().toString());
                item.put("description", rs.getString(5));
                item.put("source", rs.getString(6));
                items.add(item);
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }

    /** organizationId → the organisation's parent id (null for a top-level one). */
    public Map<String, String> organizationParents() {
        Map<String, String> parents = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select organization_id, parent_id from party_organization", rs -> parents.put(rs.getString(1), rs.getString(2)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return parents;
    }
}
