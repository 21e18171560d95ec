package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.reporting.branch.BranchRankings;
import cn.partybuilding.reporting.branch.RankedBranch;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.Sql;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.Grading;
import io.agroal.api.AgroalDataSource;
import cn.partybuilding.security.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quarterly grades from the mean of the quarter's three published monthly scores (latest version of each month; refused
 * with a 409 naming the months not yet published, see {@link PublicationPrerequisites}); an INTERVIEW notice request for
 * each unit graded POOR; the quarter's branch ranking (issue 16.2, {@code branch.BranchRankings}) frozen beside the grades,
 * {@code branch-ranking.published}, and a BRANCH_RECTIFICATION notice to the secretary of each 后进支部. Every publication is a new version, allocated in the publishing
 * transaction ({@link PublicationVersions}); the grades, the event and the notice requests commit together.
 */
@ApplicationScoped
public class QuarterlyPublication {
    @Inject
    PublicationReader publications;

    @Inject
    FactsReader facts;

    @Inject
    PublicationEvents events;

    @Inject
    EventPublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReportingConfig config;

    /** The platform's clock, in the county's zone: the interview deadline counts from the county's day. */
    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    BranchRankings branches;

    /**
     * What a publication of a quarter made (domain result); the event ({@link QuarterlyGradesPublished}) and the REST
     * response ({@link QuarterPublicationView}) are each built from it.
     */
    public record QuarterPublication(String quarter, int version, OffsetDateTime publishedAt, List<String> months, List<UnitGrade> grades,
                                     List<NoticeRequest> notices, BranchRankings.BranchQuarter branches) {
    }

    /** A unit's grade from the mean of its published monthly scores in the quarter. */
    public record UnitGrade(String unitCode, String unitName, double meanScore, QuarterlyGrade grade) {
    }

    public QuarterPublication publish(String quarter, YearMonth[] months) {
        PublicationReader.PublishedScores published = publications.publishedMonths(List.of(months));
        PublicationPrerequisites.requireAllMonths(quarter + " 季度等次", List.of(months), published.months());
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate deadline = now.toLocalDate().plusDays(config.notices().interviewDeadlineDays());
        List<UnitGrade> grades = new ArrayList<>();
        NoticePlanner planner = new NoticePlanner(new Recipients(facts.roster(), facts.organizationParents()));
        for (Map.Entry<String, List<Double>> e : published.scores().entrySet()) {
            String unit = e.getKey();
            Grading.QuarterResult result = Grading.quarter(e.getValue(), config.grades().excellent(), config.grades().good(), config.grades().fair());
            double mean = result.meanScore();
            QuarterlyGrade grade = result.grade();
            grades.add(new UnitGrade(unit, published.names().get(unit), mean, grade));
            if (grade == QuarterlyGrade.POOR) {
                planner.poorQuarter(quarter, unit, published.names().get(unit), mean, deadline);
            }
        }
        // issue 16.2: the branch ranking is published with the quarter; a 后进支部's secretary gets a 整顿 notice
        BranchRankings.BranchQuarter branchRanking = branches.live(quarter, months);
        for (RankedBranch b : branchRanking.entries()) {
            if (b.tier() == Tier.LAGGING) {
                planner.laggingBranch(quarter, b, branchRanking.entries().stream().filter(e -> e.rank() != null).count(), deadline);
            }
        }
        List<NoticeRequest> notices = planner.requests();
        return QuarkusTransaction.requiringNew().call(() -> {
            int version = 0;
            try (Connection c = dataSource.getConnection()) {
                version = PublicationVersions.next(c, "quarterly_publication", "quarter", quarter);
                BranchRankings.BranchQuarter frozenBranches = new BranchRankings.BranchQuarter(quarter, "PUBLISHED", version, now,
                        branchRanking.weights(), branchRanking.entries());
                QuarterPublication p = new QuarterPublication(quarter, version, now, published.months(), grades, notices, frozenBranches);
                insert(c, p);
                branches.store(c, frozenBranches);
                publisher.publishAll(Topics.REPORTING, List.of(events.quarterlyGradesPublished(p), events.branchRankingPublished(frozenBranches)));
                publisher.publishEach(Topics.NOTICE_REQUESTS, notices, events.noticeRequested("v" + version, now));
                audit.accepted("quarter", quarter, version == 1 ? null : PublicationAudit.previous(version - 1), PublicationAudit.quarter(p));
                return p;
            } catch (SQLException e) {
                throw PublicationVersions.refused(e, quarter, version);
            }
        });
    }

    private static void insert(Connection c, QuarterPublication p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into quarterly_publication (quarter, version, published_at) values (?, ?, ?)")) {
            s.setString(1, p.quarter());
            s.setInt(2, p.version());
            s.setObject(3, p.publishedAt());
            s.executeUpdate();
        }
        List<Object[]> rows = p.grades().stream().map(g -> new Object[]{p.quarter(), p.version(), g.unitCode(), BigDecimal.valueOf(g.meanScore()),
                p.months().size(), g.grade().name(), p.publishedAt()}).toList();
        Sql.batch(c, "insert into quarterly_grade (quarter, version, unit_code, mean_score, months, grade, published_at) values (?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
