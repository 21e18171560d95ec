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
    @RolesAllowed(Roles.UNIT_SECRETARY)
    @Operation(summary = "Submit close-out evidence (申请销号) for the unit's own item (another unit's is unknown, 404): the item waits "
            + "for the committee (SUBMITTED); only the committee's confirmation closes it (销号)")
    public RectificationState submit(@PathParam("itemId") String itemId, RectificationService.SubmitRequest request) {
        if (request == null) {
            throw ProblemException.invalid("evidence", "必填");
        }
        return service.submit(itemId, request, caller::mayAccessUnit, caller.subject());
    }

    @POST
    @Path("rectification-items/{itemId}/confirm")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR})
    @Consumes(MediaType.WILDCARD) // no body needed: without one (and without a Content-Type) or with {}
    @Operation(summary = "Confirm a submitted close-out (确认销号): the item is CLOSED")
    public RectificationState confirm(@PathParam("itemId") String itemId) {
        return service.confirm(itemId, caller.subject());
    }

    @POST
    @Path("rectification-items/{itemId}/return")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR})
    @Operation(summary = "Return a submitted close-out with a reason (退回): the item is OPEN again, or OVERDUE past its deadline")
    public RectificationState returnSubmission(@PathParam("itemId") String itemId, RectificationService.ReturnRequest request) {
        if (request == null) {
            throw ProblemException.invalid("reason", "必填");
        }
        return service.returnSubmission(itemId, request, caller.subject());
    }
}
