package cn.partybuilding.reporting.whatif;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.reporting.ranking.LiveRanking;
import cn.partybuilding.reporting.ranking.NotSubmittedView;
import cn.partybuilding.reporting.ranking.RankingEntryView;
import cn.partybuilding.reporting.ranking.RankingService;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.eventing.web.StrictNumber;
import cn.partybuilding.security.AuditTrail;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import cn.partybuilding.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a month under proposed dimension weights (and indicator maxima) beside the current ranking, listing the units
 * whose tier changes. Nothing is stored or published.
 */
@Path("/rankings/{period}/what-if")
@Produces(MediaType.APPLICATION_JSON)
public class WhatIfResource {
    @Inject
    RankingService rankings;

    @Inject
    AuditTrail audit;

    /** Far more than a county's system has (a handful of dimensions, dozens of indicators): beyond, the body is refused. */
    static final int MAX_WEIGHTS = 50;
    static final int MAX_INDICATORS = 500;

    public record Proposal(@JsonDeserialize(contentUsing = StrictNumber.class) Map<String, Double> weights,
                           @JsonDeserialize(contentUsing = StrictNumber.class) Map<String, Double> maxPoints) {
    }

    public record Row(String unitCode, String unitName, int currentRank, int proposedRank, double currentScore, double proposedScore,
                      String currentTier, String proposedTier) {
    }

    /**
     * The committee's (it shows how a change of the indicator system would move every unit). It stores nothing, but as a
     * POST it is recorded in the audit trail: who tried which weights on which month.
     */
    @POST
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public Map<String, Object> whatIf(@PathParam("period") String period, Proposal proposal) {
        YearMonth month = Periods.month("period", period);
        if (proposal == null || proposal.weights() == null || proposal.weights().isEmpty()) {
            throw ProblemException.invalid("请给出拟调整的一级指标权重", "weights", "required");
        }
        if (proposal.weights().size() > MAX_WEIGHTS) {
            throw ProblemException.invalid("拟调整的一级指标过多", "weights", "不得超过 " + MAX_WEIGHTS + " 项");
        }
        if (proposal.maxPoints() != null && proposal.maxPoints().size() > MAX_INDICATORS) {
            throw ProblemException.invalid("拟调整的指标分值过多", "maxPoints", "不得超过 " + MAX_INDICATORS + " 项");
        }
        Map<String, Double> maxPoints = proposal.maxPoints() == null ? Map.of() : proposal.maxPoints();
        LiveRanking current = rankings.live(month);
        List<Violation> violations = WhatIfCheck.violations(current.system(), proposal.weights(), maxPoints);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("拟调整的指标体系不合规", violations);
        }
        IndicatorSystem proposed = current.system().withProposal(proposal.weights(), maxPoints);
        LiveRanking alternative = rankings.rank(month, proposed, current.facts());
        Map<String, RankedUnit> byUnit = new LinkedHashMap<>();
        alternative.entries().forEach(e -> byUnit.put(e.unitCode(), e));
        List<Row> rows = new ArrayList<>();
        List<Row> tierChanges = new ArrayList<>();
        for (RankedUnit now : current.entries()) {
            RankedUnit then = byUnit.get(now.unitCode());
            Row row = new Row(now.unitCode(), now.unitName(), now.rank(), then.rank(), now.score(), then.score(), now.tier().name(), then.tier().name());
            rows.add(row);
            if (now.tier() != then.tier()) {
                tierChanges.add(row);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("systemYear", current.system().year()); // the version in force for the month: the baseline
        body.put("systemVersion", current.system().version());
        body.put("effectiveFrom", current.system().effectiveMonth().toString());
        body.put("currentWeights", weights(current.system()));
        body.put("proposedWeights", weights(proposed));
        body.put("current", RankingEntryView.of(current.entries()));
        body.put("proposed", RankingEntryView.of(alternative.entries()));
        body.put("notSubmitted", NotSubmittedView.of(current.notSubmitted()));
        body.put("comparison", rows);
        body.put("tierChanges", tierChanges);
        Map<String, Object> tried = new LinkedHashMap<>();
        tried.put("weights", proposal.weights());
        tried.put("maxPoints", maxPoints);
        tried.put("tierChanges", tierChanges.size());
        QuarkusTransaction.requiringNew().run(() -> audit.accepted("whatif", period, null, tried));
        return body;
    }

    private static Map<String, Double> weights(IndicatorSystem system) {
        Map<String, Double> weights = new LinkedHashMap<>();
        system.dimensions().forEach(d -> weights.put(d.code(), d.weight()));
        return weights;
    }
}
