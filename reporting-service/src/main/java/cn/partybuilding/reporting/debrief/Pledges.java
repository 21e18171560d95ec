package cn.partybuilding.reporting.debrief;

import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.security.AuditTrail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unit's 公开承诺 of a year (issue 16.5): what its party organisation pledged publicly at the start of the year and how
 * far each pledge is fulfilled, with the evidence. Kept here, in reporting-service, because nothing but the unit's card,
 * the 述职评议 and the annual results use them: no other service's rule reads them, so they need no event. The unit's
 * secretary keeps its own unit's list (the whole list is replaced at once, as the unit revises it), or the committee.
 */
@ApplicationScoped
public class Pledges {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public enum Status {
        /** 推进中 */
        IN_PROGRESS,
        /** 已兑现 */
        FULFILLED,
        /** 未兑现 */
        NOT_FULFILLED
    }

    /** A pledge as entered (checked by the resource). */
    public record PledgeInput(String content, Status status, String evidence) {
    }

    public record Pledge(int position, String content, Status status, String evidence, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** The unit's pledges of the year and how many are fulfilled. */
    public record UnitPledges(int year, String unitCode, List<Pledge> pledges, int fulfilled) {
        static UnitPledges of(int year, String unitCode, List<Pledge> pledges) {
            return new UnitPledges(year, unitCode, pledges, (int) pledges.stream().filter(p -> p.status() == Status.FULFILLED).count());
        }
    }

    public UnitPledges of(int year, String unitCode) {
        try (Connection c = dataSource.getConnection()) {
            return UnitPledges.of(year, unitCode, read(c, year, unitCode));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the unit's pledges of the year; {@code by} is the caller's name (from the token). */
    public UnitPledges replace(int year, String unitCode, List<PledgeInput> pledges, String by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                // the unit's rows locked first, so that two replacements at once do not interleave
                Sql.query(c, "select pg_advisory_xact_lock(16006, hashtext(?))", rs -> { }, year + "/" + unitCode);
                List<Pledge> before = read(c, year, unitCode);
                Sql.batch(c, "delete from unit_pledge where for_year = ? and unit_code = ?", List.<Object[]>of(new Object[]{year, unitCode}));
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < pledges.size(); i++) {
                    PledgeInput p = pledges.get(i);
                    rows.add(new Object[]{year, unitCode, i + 1, p.content(), p.status().name(), p.evidence(), by, now});
                }
                Sql.batch(c, "insert into unit_pledge (for_year, unit_code, position, content, status, evidence, recorded_by, recorded_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
                List<Pledge> after = read(c, year, unitCode);
                audit.accepted("pledges", year + "/" + unitCode, before.isEmpty() ? null : Map.of("pledges", summary(before)),
                        Map.of("pledges", summary(after)));
                return UnitPledges.of(year, unitCode, after);
            }
        });
    }

    private static List<Map<String, Object>> summary(List<Pledge> pledges) {
        return pledges.stream().map(p -> Map.<String, Object>of("content", p.content(), "status", p.status().name())).toList();
    }

    private static List<Pledge> read(Connection c, int year, String unitCode) throws SQLException {
        List<Pledge> list = new ArrayList<>();
        Sql.query(c, "select position, content, status, coalesce(evidence, ''), recorded_by, recorded_at from unit_pledge "
                        + "where for_year = ? and unit_code = ? order by position",
                rs -> list.add(new Pledge(rs.getInt(1), rs.getString(2), Status.valueOf(rs.getString(3)),
                        rs.getString(4).isEmpty() ? null : rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class))),
                year, unitCode);
        return list;
    }
}
