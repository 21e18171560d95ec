package cn.partybuilding.reporting.replay;

import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Rebuilding the facts from the topics: the committee's alone (it pauses the live consumer for the switch). */
@Path("/admin/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {
    @Inject
    ReplayService service;

    /** Starts a rebuild of every aggregate from the topics; 202 with the status, 409 when one is running. */
    @POST
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public Response start() {
        return Response.accepted(service.start()).build();
    }

    /** The rebuild's progress: the committee, and the auditors who read everything. */
    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.AUDITOR})
    public ReplayService.Status status() {
        return service.status();
    }
}
