package cn.partybuilding.assessment.period;

import cn.partybuilding.assessment.common.Actor;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/periods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Periods", description = "月份锁定与重新开放")
public class PeriodResource {
    @Inject
    PeriodService service;

    @Inject
    Caller caller;

    /** Who reopens is the signed-in caller (a {@code by} in the body is ignored). */
    public record ReopenRequest(String reason) {
    }

    // Reads are open to unit secretaries too: whether a month is locked decides whether their study records are taken.
    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<PeriodService.PeriodStatus> all() {
        return service.all();
    }

    @GET
    @Path("{period}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public PeriodService.PeriodStatus status(@PathParam("period") String period) {
        return service.status(period);
    }

    @POST
    @Path("{period}/lock")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST (no Content-Type) is a lock, not a 415
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Lock a month: later writes to it are refused (409). No body; who locked is the signed-in caller")
    public PeriodService.PeriodStatus lock(@PathParam("period") String period) {
        return service.lock(period, Actor.of(caller));
    }

    @POST
    @Path("{period}/reopen")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Reopen a locked month; a reason is required; who reopened is the signed-in caller")
    public PeriodService.PeriodStatus reopen(@PathParam("period") String period, ReopenRequest request) {
        return service.reopen(period, request == null ? null : request.reason(), Actor.of(caller));
    }
}
