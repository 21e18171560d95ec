package cn.partybuilding.reporting.warning;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/warnings/{period}/run")
@Produces(MediaType.APPLICATION_JSON)
public class EarlyWarningResource {
    @Inject
    EarlyWarningService service;

    /** Runs the early warning for a month now; returns the notice requests emitted. */
    @POST
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public List<WarningNoticeView> run(@PathParam("period") String period) {
        return service.run(Periods.month("period", period)).stream().map(WarningNoticeView::of).toList();
    }
}
