package cn.partybuilding.reporting.branch;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.YearMonth;
import java.util.List;

/**
 * The quarterly branch ranking (issue 16.2): the published version once the quarter is published, else live. The
 * committee's roles see every branch; a unit secretary the branches of their own unit (the list filtered, another unit's
 * card 404 like a missing one).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BranchResource {
    @Inject
    BranchRankings branches;

    @Inject
    Caller caller;

    @GET
    @Path("branches/{quarter}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public BranchRankingView ranking(@PathParam("quarter") String quarter) {
        YearMonth[] months = Periods.quarter("quarter", quarter);
        BranchRankings.BranchQuarter q = branches.current(quarter, months);
        List<RankedBranch> visible = q.entries().stream().filter(e -> caller.mayAccessUnit(e.unitCode())).toList();
        return BranchRankingView.of(q, visible);
    }

    @GET
    @Path("units/{unitCode}/branches/{quarter}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public BranchRankingView unitBranches(@PathParam("unitCode") String unitCode, @PathParam("quarter") String quarter) {
        YearMonth[] months = Periods.quarter("quarter", quarter);
        caller.requireUnit(unitCode, "unitCode", "单位");
        if (!branches.unitExists(unitCode)) {
            throw ProblemException.notFound("单位不存在", "unitCode", "不存在");
        }
        BranchRankings.BranchQuarter q = branches.current(quarter, months);
        return BranchRankingView.of(q, q.entries().stream().filter(e -> unitCode.equals(e.unitCode())).toList());
    }
}
