package cn.partybuilding.reporting.replay;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/admin/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {
    @Inject
    ReplayService service;

    /** Starts a rebuild of every aggregate from the topics; 202 with the status, 409 when one is running. */
    @POST
    public Response start() {
        return Response.accepted(service.start()).build();
    }

    @GET
    public ReplayService.Status status() {
        return service.status();
    }
}
