package cn.partybuilding.assessment.rectification;

import cn.partybuilding.eventing.web.ProblemException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Findings and rectification", description = "问题扣分、整改台账与销号")
public class RectificationResource {
    @Inject
    RectificationService service;

    @Inject
    Caller caller;

    @POST
    @Path("findings")
    @RolesAllowed({Roles.ASSESSOR, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Raise a finding (deduction) with its rectification item and deadline")
    public Response raise(RectificationService.FindingRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        FindingView out = service.raise(request);
        return Response.created(URI.create("/rectification-items/" + out.rectificationItemId())).entity(out).build();
    }

    @GET
    @Path("findings")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "Findings, filtered by unit and month (a unit secretary: its own unit's only)")
    public List<FindingView> findings(@QueryParam("unitCode") String unitCode, @QueryParam("period") String period) {
        return service.findings(unitCode, period).stream().filter(f -> caller.mayAccessUnit(f.unitCode())).toList();
    }

    @GET
    @Path("rectification-items")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "The rectification ledger (整改台账), filtered by unit and status (a unit secretary: its own unit's only)")
    public List<RectificationState> items(@QueryParam("unitCode") String unitCode, @QueryParam("status") RectificationItem.Status status) {
        return service.items(unitCode, status).stream().filter(i -> caller.mayAccessUnit(i.unitCode())).toList();
    }

    @GET
    @Path("rectification-items/{itemId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public RectificationState item(@PathParam("itemId") String itemId) {
        return service.item(itemId, caller::mayAccessUnit);
    }

    @POST
    @Path("rectification-items/{itemId}/close")
    @RolesAllowed({Roles.UNIT_SECRETARY, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Close out (销号) an item with evidence: the unit's secretary (another unit's item is unknown, 404) or the committee")
    public RectificationState close(@PathParam("itemId") String itemId, RectificationService.CloseRequest request) {
        if (request == null) {
            throw ProblemException.invalid("evidence", "必填");
        }
        return service.close(itemId, request, caller::mayAccessUnit);
    }
}
