package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.partybuilding.reporting.facts.Sql.query;

/** Reads frozen (published) monthly rankings (written by {@code publication.MonthlyPublication}). */
@ApplicationScoped
public class PublishedRankings {
    @Inject
    AgroalDataSource dataSource;

    /** {@code systemEffectiveFrom}: the month the indicator-system version applied from when the month was published. */
    public record Version(String period, int version, OffsetDateTime publishedAt, Integer systemYear, Integer systemVersion,
                          String reason, String eventId, String systemEffectiveFrom) {
    }

    /** A frozen version: the ranked units and, beside them, those that had submitted nothing (未报送). */
    public record Published(Version version, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {
    }

    public List<Version> versions(YearMonth period) {
        List<Version> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select period, version, published_at, system_year, system_version, reason, event_id, system_effective_from "
                    + "from published_ranking where period = ? order by version", rs -> versions.add(new Version(rs.getString(1),
                    rs.getInt(2), rs.getObject(3, OffsetDateTime.class), (Integer) rs.getObject(4), (Integer) rs.getObject(5),
                    rs.getString(6), rs.getString(7), rs.getString(8))), period.toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }

    /** The latest version number of the month (one indexed read), empty when never published. */
    public Optional<Integer> latestVersion(YearMonth period) {
        Integer[] latest = new Integer[1];
        try (Connection c = dataSource.getConnection()) {
            query(c, "select max(version) from published_ranking where period = ?",
                    rs -> latest[0] = (Integer) rs.getObject(1), period.toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Optional.ofNullable(latest[0]);
    }

    public Optional<Published> latest(YearMonth period) {
        List<Version> versions = versions(period);
        return versions.isEmpty() ? Optional.empty() : Optional.of(load(versions.get(versions.size() - 1)));
    }

    public Optional<Published> version(YearMonth period, int version) {
        return versions(period).stream().filter(v -> v.version() == version).findFirst().map(this::load);
    }

    private Published load(Version version) {
        List<RankedUnit> entries = new ArrayList<>();
        List<NotSubmittedUnit> notSubmitted = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // a NOT_SUBMITTED row has no rank, score nor tier (V11_1); versions frozen before that rule carried a score
            // and LAGGING for such a unit, which is read as 未报送 too: the status is what was decided
            query(c, "select rank, unit_code, unit_name, score, previous_rank, rank_change, tier, status, completion_rate, "
                    + "deductions, bonuses from published_entry where period = ? and version = ? order by rank, unit_code", rs -> {
                if (Status.valueOf(rs.getString(8)) == Status.NOT_SUBMITTED) {
                    notSubmitted.add(new NotSubmittedUnit(rs.getString(2), rs.getString(3)));
                } else {
                    entries.add(new RankedUnit(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4), (Integer) rs.getObject(5),
                            (Integer) rs.getObject(6), Tier.valueOf(rs.getString(7)), Status.SUBMITTED, rs.getDouble(9),
                            rs.getDouble(10), rs.getDouble(11)));
                }
            }, version.period(), version.version());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Published(version, entries, notSubmitted);
    }

    /** unit → entry of the latest published version of {@code period} (empty when never published). */
    public Map<String, RankedUnit> latestByUnit(YearMonth period) {
        Map<String, RankedUnit> byUnit = new LinkedHashMap<>();
        latest(period).ifPresent(p -> p.entries().forEach(e -> byUnit.put(e.unitCode(), e)));
        return byUnit;
    }
}
