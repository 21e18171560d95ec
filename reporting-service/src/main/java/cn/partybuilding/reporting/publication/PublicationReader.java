package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.reporting.ranking.PublishedRankings;
import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what was published: the latest quarterly grades and annual results, and the published months' scores they start from. */
@ApplicationScoped
public class PublicationReader {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    PublishedRankings published;

    /** A unit's grade in the latest published version of a quarter. */
    public record QuarterGrade(String unitCode, double meanScore, String grade, String label, int version, int months) {
    }

    /** A unit's result in the latest published version of a year. */
    public record AnnualResult(int rank, String unitCode, double meanMonthlyScore, Double debriefScore, double annualScore,
                               boolean excellent, int version) {
    }

    /**
     * The months (of those asked) that were published, and per unit the scores of their latest published versions in
     * month order with the unit's name; scores are sorted by unit code.
     */
    public record PublishedScores(List<String> months, Map<String, List<Double>> scores, Map<String, String> names) {
    }

    /** Latest published grades of the quarter by unit code; empty when never published. */
    public List<QuarterGrade> quarterGrades(String quarter) {
        List<QuarterGrade> grades = new ArrayList<>();
        read("select unit_code, mean_score, grade, version, months from quarterly_grade where quarter = ? "
                + "and version = (select max(version) from quarterly_grade where quarter = ?) order by unit_code", rs -> grades.add(
                new QuarterGrade(rs.getString(1), rs.getDouble(2), rs.getString(3), QuarterlyGrade.valueOf(rs.getString(3)).label(),
                        rs.getInt(4), rs.getInt(5))), quarter, quarter);
        return grades;
    }

    /** Latest published results of the year by rank; empty when never published. */
    public List<AnnualResult> annualResults(int year) {
        List<AnnualResult> results = new ArrayList<>();
        read("select rank, unit_code, mean_monthly, debrief_score, annual_score, excellent, version from annual_result where for_year = ? "
                + "and version = (select max(version) from annual_result where for_year = ?) order by rank", rs -> results.add(
                new AnnualResult(rs.getInt(1), rs.getString(2), rs.getDouble(3), rs.getObject(4) == null ? null : rs.getDouble(4),
                        rs.getDouble(5), rs.getBoolean(6), rs.getInt(7))), year, year);
        return results;
    }

    /** A published version of a year's results: when, and for a republication why (null for version 1). */
    public record AnnualVersion(int year, int version, java.time.OffsetDateTime publishedAt, String reason) {
    }

    /** Every published version of the year, oldest first; empty when never published. */
    public List<AnnualVersion> annualVersions(int year) {
        List<AnnualVersion> versions = new ArrayList<>();
        read("select for_year, version, published_at, reason from annual_publication where for_year = ? order by version",
                rs -> versions.add(new AnnualVersion(rs.getInt(1), rs.getInt(2), rs.getObject(3, java.time.OffsetDateTime.class),
                        rs.getString(4))), year);
        return versions;
    }

    /** The scores of the given months' latest published versions (frozen figures only). */
    public PublishedScores publishedMonths(List<YearMonth> months) {
        List<String> used = new ArrayList<>();
        Map<String, List<Double>> scores = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (YearMonth month : months) {
            published.latest(month).ifPresent(p -> {
                used.add(month.toString());
                for (RankedUnit e : p.entries()) {
                    scores.computeIfAbsent(e.unitCode(), u -> new ArrayList<>()).add(e.score());
                    names.put(e.unitCode(), e.unitName());
                }
                // a month the unit submitted nothing has no score; it counts 0 in the quarter's and year's mean
                // (issue 12.4): not reporting is not better than reporting little
                for (NotSubmittedUnit u : p.notSubmitted()) {
                    scores.computeIfAbsent(u.unitCode(), k -> new ArrayList<>()).add(0.0);
                    names.put(u.unitCode(), u.unitName());
                }
            });
        }
        return new PublishedScores(used, scores, names);
    }

    private void read(String sql, Sql.RowHandler handler, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            Sql.query(c, sql, handler, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
