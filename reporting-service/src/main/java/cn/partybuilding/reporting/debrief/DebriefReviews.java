package cn.partybuilding.reporting.debrief;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.security.AuditTrail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annual 述职评议 (issue 16.5, seed 003: 书面述职与现场述职相结合，年底前组织开展一次述职评议考核): the committee names the
 * year's panel (reviewers by sign-in name, people holding DEBRIEF_REVIEWER), each reviewer scores each unit's debrief
 * (0–100), and a unit's debrief score is {@link DebriefScore} of its reviewers' scores. Nothing here changes once the
 * year's results are published (409): a republication of the year recomputes with the same scores.
 * <p>
 * The committee's direct entry ({@code debrief_score}, {@code PUT /years/{year}/debriefs/{unitCode}}) stays for a unit
 * the panel did not score in the system (a 评议 held on paper, tallied by the committee, and the years before the panel):
 * a unit's panel mean, when it has reviews, wins over it ({@link #scores}).
 */
@ApplicationScoped
public class DebriefReviews {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsReader facts;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public record Review(String reviewer, String reviewerName, double score, OffsetDateTime reviewedAt) {
    }

    /**
     * A unit's debrief of the year as the caller may see it: the county-wide roles see every review and the score; a
     * reviewer sees only its own score ({@code myScore}), so that the panel scores independently.
     */
    public record UnitDebrief(String unitCode, String unitName, int reviewCount, Double score, boolean trimmed, String source,
                              List<Review> reviews, Double myScore) {
    }

    public record Overview(int year, List<String> reviewers, boolean published, int trimFrom, List<UnitDebrief> units) {
    }

    /** The year's panel, by sign-in name. */
    public List<String> panel(int year) {
        try (Connection c = dataSource.getConnection()) {
            return panel(c, year);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the year's panel. Refused (409) after the year's results are published, and for a reviewer who already
     * scored (their scores would silently leave the means).
     */
    public List<String> setPanel(int year, List<String> reviewers) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                lockYear(c, year);
                requireUnpublished(c, year);
                List<String> before = panel(c, year);
                for (String gone : before) {
                    if (!reviewers.contains(gone) && count(c, "select count(*) from debrief_review where for_year = ? and username = ?",
                            year, gone) > 0) {
                        throw ProblemException.conflict("评委 " + gone + " 已评分，不能移出评议组", "reviewers", "已评分的评委不能移出");
                    }
                }
                Sql.batch(c, "delete from debrief_reviewer where for_year = ? and username = ?",
                        before.stream().filter(r -> !reviewers.contains(r)).map(r -> new Object[]{year, r}).toList());
                Sql.batch(c, "insert into debrief_reviewer (for_year, username) values (?, ?) on conflict do nothing",
                        reviewers.stream().map(r -> new Object[]{year, r}).toList());
                List<String> after = panel(c, year);
                audit.accepted("debrief-panel", String.valueOf(year), before.isEmpty() ? null : Map.of("reviewers", before),
                        Map.of("reviewers", after));
                return after;
            }
        });
    }

    /**
     * The caller's score of a unit's debrief (set or replaced). 404 for an unknown unit, 403 for a reviewer not on the
     * year's panel, 409 once the year is published.
     */
    public Review review(int year, String unitCode, String reviewer, String reviewerName, double score) {
        if (!facts.unitNames().containsKey(unitCode)) {
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "不存在");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                lockYear(c, year);
                if (!panel(c, year).contains(reviewer)) {
                    throw new ProblemException(403, "Forbidden", "您不是 " + year + " 年度述职评议组的评委",
                            List.of(new cn.partybuilding.eventing.web.Violation("reviewer", "不在该年度评议组")));
                }
                requireUnpublished(c, year);
                BigDecimal[] before = {null};
                Sql.query(c, "select score from debrief_review where for_year = ? and username = ? and unit_code = ? for update",
                        rs -> before[0] = rs.getBigDecimal(1), year, reviewer, unitCode);
                Sql.batch(c, "insert into debrief_review (for_year, username, unit_code, score, reviewer_name, reviewed_at) values (?, ?, ?, ?, ?, ?) "
                        + "on conflict (for_year, username, unit_code) do update set score = excluded.score, "
                        + "reviewer_name = excluded.reviewer_name, reviewed_at = excluded.reviewed_at",
                        List.<Object[]>of(new Object[]{year, reviewer, unitCode, BigDecimal.valueOf(score), reviewerName, now}));
                audit.accepted("debrief-review", year + "/" + unitCode + "/" + reviewer,
                        before[0] == null ? null : Map.of("score", before[0].doubleValue()), Map.of("score", score));
                return new Review(reviewer, reviewerName, score, now);
            }
        });
    }

    /**
     * The debrief score of every unit that has one: the panel's {@link DebriefScore} where reviewers scored the unit,
     * else the committee's direct entry.
     */
    public Map<String, Double> scores(int year) {
        try (Connection c = dataSource.getConnection()) {
            return scores(c, year);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #scores(int)} on the caller's connection (the publishing transaction reads them again under {@link #lockYear}). */
    public static Map<String, Double> scores(Connection c, int year) throws SQLException {
        Map<String, Double> scores = new TreeMap<>();
        Sql.query(c, "select unit_code, score from debrief_score where for_year = ?", rs -> scores.put(rs.getString(1), rs.getDouble(2)), year);
        reviewsByUnit(c, year).forEach((unit, reviews) -> scores.put(unit, DebriefScore.of(reviews.stream().map(Review::score).toList())));
        return scores;
    }

    /** The year's debriefs for the county-wide roles ({@code reviewer} null) or for one reviewer (only its own scores). */
    public Overview overview(int year, String reviewer) {
        Map<String, String> units = facts.unitNames();
        try (Connection c = dataSource.getConnection()) {
            List<String> panel = panel(c, year);
            boolean published = published(c, year);
            Map<String, List<Review>> reviews = reviewsByUnit(c, year);
            Map<String, Double> committee = new TreeMap<>();
            Sql.query(c, "select unit_code, score from debrief_score where for_year = ?", rs -> committee.put(rs.getString(1), rs.getDouble(2)), year);
            List<UnitDebrief> list = new ArrayList<>();
            units.forEach((code, name) -> {
                List<Review> of = reviews.getOrDefault(code, List.of());
                Double score = !of.isEmpty() ? DebriefScore.of(of.stream().map(Review::score).toList()) : committee.get(code);
                String source = !of.isEmpty() ? "PANEL" : committee.containsKey(code) ? "COMMITTEE" : null;
                if (reviewer == null) {
                    list.add(new UnitDebrief(code, name, of.size(), score, DebriefScore.trimmed(of.size()), source, of, null));
                } else {
                    Double mine = of.stream().filter(r -> r.reviewer().equals(reviewer)).map(Review::score).findFirst().orElse(null);
                    list.add(new UnitDebrief(code, name, of.size(), null, DebriefScore.trimmed(of.size()), null, List.of(), mine));
                }
            });
            return new Overview(year, panel, published, DebriefScore.TRIM_FROM, list);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<Review>> reviewsByUnit(Connection c, int year) throws SQLException {
        Map<String, List<Review>> byUnit = new LinkedHashMap<>();
        Sql.query(c, "select unit_code, username, reviewer_name, score, reviewed_at from debrief_review where for_year = ? order by unit_code, username",
                rs -> byUnit.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(new Review(rs.getString(2), rs.getString(3),
                        rs.getDouble(4), rs.getObject(5, OffsetDateTime.class))), year);
        return byUnit;
    }

    private static List<String> panel(Connection c, int year) throws SQLException {
        List<String> panel = new ArrayList<>();
        Sql.query(c, "select username from debrief_reviewer where for_year = ? order by username", rs -> panel.add(rs.getString(1)), year);
        return panel;
    }

    /**
     * Serialises the year's debrief writes with each other and with the year's publication (a review committed while
     * the results are computed), on a transaction-scoped advisory lock of the year.
     */
    public static void lockYear(Connection c, int year) throws SQLException {
        Sql.query(c, "select pg_advisory_xact_lock(16005, ?)", rs -> { }, year);
    }

    static boolean published(Connection c, int year) throws SQLException {
        return count(c, "select count(*) from annual_publication where for_year = ?", year) > 0;
    }

    private static void requireUnpublished(Connection c, int year) throws SQLException {
        if (published(c, year)) {
            throw ProblemException.conflict(year + " 年度结果已发布，述职评议不能再修改", "year", "已发布");
        }
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        long[] n = {0};
        Sql.query(c, sql, rs -> n[0] = rs.getLong(1), args);
        return n[0];
    }
}
