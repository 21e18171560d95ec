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

    public record Proposal(Map<String, Double> weights, Map<String, Double> maxPoints) {
    }

    public record Row(String unitCode, String unitName, int currentRank, int proposedRank, double currentScore, double proposedScore,
                      String currentTier, String proposedTier) {
    }

    @POST
    public Map<String, Object> whatIf(@PathParam("period") String period, Proposal proposal) {
        YearMonth month = Periods.month("period", period);
        if (proposal == null || proposal.weights() == null || proposal.weights().isEmpty()) {
            throw ProblemException.invalid("请给出拟调整的一级指标权重", "weights", "required");
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
        return body;
    }

    private static Map<String, Double> weights(IndicatorSystem system) {
        Map<String, Double> weights = new LinkedHashMap<>();
        system.dimensions().forEach(d -> weights.put(d.code(), d.weight()));
        return weights;
    }
}
