package cn.partybuilding.reporting.branch;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.MonthlyScorer;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.partybuilding.reporting.facts.Sql.query;

/**
 * The quarterly branch ranking from the facts (issue 16.2), live or as published with the quarter. How the figures are
 * counted from the facts:
 * <ul>
 *   <li>a branch is a party organisation of kind BRANCH; a member belongs to the branch of their organisation (a 党小组,
 *       GROUP, counts for the branch above it); members of the 机关党委 or a 党总支 itself are in no branch;</li>
 *   <li>meetings are the study completions of the meeting activity types (assessment-service turns a recorded meeting's
 *       attendance into completions): a monthly meeting type ({@code reporting.branches.monthly-meetings}) is held in a
 *       month when at least one of the branch's members completed it that month, a quarterly one
 *       ({@code quarterly-meetings}) when one did in the quarter; required = 3 × monthly types + quarterly types;</li>
 *   <li>study: over the quarter's three months, the completions the month's indicator-system plan counts for each member
 *       on the month's roster, against what it requires of them (as in the units' STUDY_RATE); a month without an
 *       indicator system in force adds nothing;</li>
 *   <li>exams: the results dated in the quarter of the branch's current members (latest grading of each);</li>
 *   <li>a branch without active members has nothing due: listed, not ranked. The branch of a member is the one on the
 *       current roster (for study: the month's roster); late records of frozen months count here as they arrive.</li>
 * </ul>
 */
@ApplicationScoped
public class BranchRankings {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    RankingService rankings;

    @Inject
    ReportingConfig config;

    /** A quarter's branch ranking: {@code status} LIVE (computed now) or PUBLISHED (frozen, with its version). */
    public record BranchQuarter(String quarter, String status, Integer version, OffsetDateTime publishedAt,
                                BranchRanking.Weights weights, List<RankedBranch> entries) {
    }

    public BranchRanking.Weights weights() {
        ReportingConfig.Branches b = config.branches();
        return new BranchRanking.Weights(b.meetingWeight(), b.studyWeight(), b.examWeight());
    }

    /** The latest published version of the quarter, else the live one. */
    public BranchQuarter current(String quarter, YearMonth[] months) {
        return published(quarter).orElseGet(() -> live(quarter, months));
    }

    public BranchQuarter live(String quarter, YearMonth[] months) {
        ReportingConfig.Branches b = config.branches();
        return new BranchQuarter(quarter, "LIVE", null, null, weights(),
                BranchRanking.rank(figures(months), weights(), b.advancedPercent(), b.laggingPercent()));
    }

    public Optional<BranchQuarter> published(String quarter) {
        List<BranchQuarter> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select version, published_at, body from branch_ranking_publication where quarter = ? order by version desc limit 1", rs -> {
                try {
                    Body body = CloudEventCodec.MAPPER.readValue(rs.getString(3), Body.class);
                    found.add(new BranchQuarter(quarter, "PUBLISHED", rs.getInt(1), rs.getObject(2, OffsetDateTime.class), body.weights(), body.entries()));
                } catch (java.io.IOException e) {
                    throw new SQLException("unreadable branch ranking of " + quarter, e);
                }
            }, quarter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found.stream().findFirst();
    }

    /** Whether the unit is registered (a card of a unit that does not exist is a 404). */
    public boolean unitExists(String unitCode) {
        boolean[] found = {false};
        try (Connection c = dataSource.getConnection()) {
            query(c, "select 1 from unit where unit_code = ?", rs -> found[0] = true, unitCode);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found[0];
    }

    /** What is stored per published version. */
    record Body(BranchRanking.Weights weights, List<RankedBranch> entries) {
    }

    /** Freezes the ranking with the quarter's publication, in its transaction ({@code c}), under its version. */
    public void store(Connection c, BranchQuarter ranking) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into branch_ranking_publication (quarter, version, published_at, body) values (?, ?, ?, cast(? as jsonb))")) {
            s.setString(1, ranking.quarter());
            s.setInt(2, ranking.version());
            s.setObject(3, ranking.publishedAt());
            s.setString(4, CloudEventCodec.MAPPER.writeValueAsString(new Body(ranking.weights(), ranking.entries())));
            s.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every branch of the county with what it did in the quarter's months. */
    List<BranchFigures> figures(YearMonth[] months) {
        Map<String, String[]> orgs = new HashMap<>(); // id → {unit, parent, kind, name}
        Map<String, String> unitNames = new HashMap<>();
        Map<String, String> memberBranch = new HashMap<>();
        Map<String, String[]> secretaries = new HashMap<>(); // branch → {id, name}
        Map<String, int[]> counts = new HashMap<>(); // branch → {held, studyDone, studyRequired, examined, passed}
        Map<String, Set<String>> heldSlots = new HashMap<>();
        Map<String, Integer> memberCount = new HashMap<>();
        List<String> monthly = config.branches().monthlyMeetings();
        List<String> quarterly = config.branches().quarterlyMeetings();
        int required = 3 * monthly.size() + quarterly.size();
        try (Connection c = dataSource.getConnection()) {
            query(c, "select organization_id, unit_code, parent_id, kind, name from party_organization",
                    rs -> orgs.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}));
            query(c, "select unit_code, name from unit", rs -> unitNames.put(rs.getString(1), rs.getString(2)));
            query(c, "select member_id, organization_id, role, name from member where active = true order by member_id", rs -> {
                String branch = branchOf(orgs, rs.getString(2));
                if (branch != null) {
                    memberBranch.put(rs.getString(1), branch);
                    memberCount.merge(branch, 1, Integer::sum);
                    if ("SECRETARY".equals(rs.getString(3)) && branch.equals(rs.getString(2))) {
                        secretaries.putIfAbsent(branch, new String[]{rs.getString(1), rs.getString(4)});
                    }
                }
            });
            List<String> types = new ArrayList<>(monthly);
            types.addAll(quarterly);
            String[] periods = java.util.Arrays.stream(months).map(YearMonth::toString).toArray(String[]::new);
            query(c, "select distinct member_id, activity_type, period from study_completion where period = any(?) and activity_type = any(?)", rs -> {
                String branch = memberBranch.get(rs.getString(1));
                if (branch != null) {
                    String type = rs.getString(2);
                    heldSlots.computeIfAbsent(branch, k -> new HashSet<>()).add(monthly.contains(type) ? type + "@" + rs.getString(3) : type);
                }
            }, c.createArrayOf("varchar", periods), c.createArrayOf("varchar", types.toArray()));
            query(c, "select member_id, passed from exam_result where on_day between ? and ?", rs -> {
                String branch = memberBranch.get(rs.getString(1));
                if (branch != null) {
                    int[] f = counts.computeIfAbsent(branch, k -> new int[5]);
                    f[3]++;
                    f[4] += rs.getBoolean(2) ? 1 : 0;
                }
            }, Date.valueOf(months[0].atDay(1)), Date.valueOf(months[months.length - 1].atEndOfMonth()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the branches' facts", e);
        }
        for (YearMonth month : months) {
            LiveRanking live;
            try {
                live = rankings.live(month);
            } catch (ProblemException noSystem) {
                continue; // no indicator system in force: the month requires no study
            }
            for (List<MemberFacts> members : live.members().values()) {
                for (MemberFacts m : members) {
                    String branch = branchOf(orgs, m.organizationId());
                    if (branch != null) {
                        int[] doneRequired = MonthlyScorer.memberDoneRequired(live.system().studyPlan(), month, m, null);
                        int[] f = counts.computeIfAbsent(branch, k -> new int[5]);
                        f[1] += doneRequired[0];
                        f[2] += doneRequired[1];
                    }
                }
            }
        }
        List<BranchFigures> figures = new ArrayList<>();
        orgs.forEach((id, org) -> {
            if (!"BRANCH".equals(org[2])) {
                return;
            }
            int[] f = counts.getOrDefault(id, new int[5]);
            int held = heldSlots.getOrDefault(id, Set.of()).size();
            String[] secretary = secretaries.get(id);
            // a branch without members has nothing to measure (no meeting is due of nobody)
            int due = memberCount.getOrDefault(id, 0) == 0 ? 0 : required;
            figures.add(new BranchFigures(id, org[3], org[0], unitNames.get(org[0]), secretary == null ? null : secretary[0],
                    secretary == null ? null : secretary[1], held, due, f[1], f[2], f[3], f[4]));
        });
        return figures;
    }

    /** The BRANCH an organisation is or belongs to (a GROUP's parent branch), or null. */
    static String branchOf(Map<String, String[]> orgs, String organizationId) {
        String id = organizationId;
        for (int depth = 0; id != null && depth < 10; depth++) {
            String[] org = orgs.get(id);
            if (org == null) {
                return null;
            }
            if ("BRANCH".equals(org[2])) {
                return id;
            }
            if (!"GROUP".equals(org[2])) {
                return null;
            }
            id = org[1];
        }
        return null;
    }
}
