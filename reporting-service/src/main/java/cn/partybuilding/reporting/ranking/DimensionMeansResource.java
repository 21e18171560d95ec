package cn.partybuilding.reporting.ranking;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.reporting.scoring.UnitScore;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The county mean of each dimension's score in a month, over the units that submitted (未报送 units have no score and
 * would pull the mean down): what a scorecard's radar chart compares the unit with. Only aggregates, no unit's figure,
 * so a unit secretary may read it beside its own card. From the cached live ranking: no extra read of the facts.
 */
@Path("/rankings/{period}/dimension-means")
@Produces(MediaType.APPLICATION_JSON)
public class DimensionMeansResource {
    @Inject
    RankingService rankings;

    public record DimensionMean(String code, String name, double weight, Double mean) {
    }

    public record DimensionMeans(String period, int units, List<DimensionMean> dimensions) {
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public DimensionMeans means(@PathParam("period") String period) {
        LiveRanking live = rankings.live(Periods.month("period", period));
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, UnitScore.DimensionScore> first = new LinkedHashMap<>();
        int units = 0;
        for (UnitScore score : live.scores().values()) {
            if (!score.submitted()) {
                continue;
            }
            units++;
            for (UnitScore.DimensionScore d : score.dimensions()) {
                first.putIfAbsent(d.code(), d);
                sums.computeIfAbsent(d.code(), c -> new double[1])[0] += d.score();
            }
        }
        List<DimensionMean> dimensions = new ArrayList<>();
        int n = units;
        live.system().dimensions().forEach(d -> dimensions.add(new DimensionMean(d.code(), d.name(), d.weight(),
                n == 0 || !sums.containsKey(d.code()) ? null : Math.round(sums.get(d.code())[0] / n * 100) / 100.0)));
        return new DimensionMeans(period, units, dimensions);
    }
}
