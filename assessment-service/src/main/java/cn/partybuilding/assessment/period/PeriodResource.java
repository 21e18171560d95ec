package cn.partybuilding.assessment.period;

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

    public record LockRequest(String by) {
    }

    public record ReopenRequest(String reason, String by) {
    }

    @GET
    public List<PeriodService.PeriodStatus> all() {
        return service.all();
    }

    @GET
    @Path("{period}")
    public PeriodService.PeriodStatus status(@PathParam("period") String period) {
        return service.status(period);
    }

    @POST
    @Path("{period}/lock")
    @Operation(summary = "Lock a month: later writes to it are refused (409)")
    public PeriodService.PeriodStatus lock(@PathParam("period") String period, LockRequest request) {
        return service.lock(period, request == null ? null : request.by());
    }

    @POST
    @Path("{period}/reopen")
    @Operation(summary = "Reopen a locked month; a reason is required")
    public PeriodService.PeriodStatus reopen(@PathParam("period") String period, ReopenRequest request) {
        return service.reopen(period, request == null ? null : request.reason(), request == null ? null : request.by());
    }
}
