package cn.partybuilding.assessment.responsibility;

import cn.partybuilding.assessment.common.Actor;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/responsibility-items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Responsibility lists", description = "责任清单：党组书记负总责、班子成员分工负责、机关党委推进落实、一岗双责")
public class ResponsibilityResource {
    @Inject
    ResponsibilityService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.UNIT_SECRETARY, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Add an item to a unit's list of a year (the unit's secretary for its own unit, or the committee)")
    public Response add(ResponsibilityService.NewItem request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        ResponsibilityItemView out = service.add(request, caller::mayAccessUnit);
        return Response.created(URI.create("/responsibility-items/" + out.itemId())).entity(out).build();
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "Items of the lists, filtered by unit, year, level and status (a unit secretary: its own unit's only)")
    public List<ResponsibilityItemView> items(@QueryParam("unitCode") String unitCode, @QueryParam("year") Integer year,
                                              @QueryParam("level") ResponsibilityItem.Level level,
                                              @QueryParam("status") ResponsibilityItem.Status status) {
        return service.items(unitCode, year, level, status).stream().filter(i -> caller.mayAccessUnit(i.unitCode())).toList();
    }

    @GET
    @Path("{itemId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public ResponsibilityItemView item(@PathParam("itemId") String itemId) {
        return service.item(itemId, caller::mayAccessUnit);
    }

    @PUT
    @Path("{itemId}")
    @RolesAllowed({Roles.UNIT_SECRETARY, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Change an open item's duty, responsible member, content or due date")
    public ResponsibilityItemView change(@PathParam("itemId") String itemId, ResponsibilityService.ItemChange request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        return service.change(itemId, request, caller::mayAccessUnit);
    }

    @POST
    @Path("{itemId}/check-off")
    @RolesAllowed({Roles.UNIT_SECRETARY, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Check an item off as done, with evidence (who and when: the token and the clock)")
    public ResponsibilityItemView checkOff(@PathParam("itemId") String itemId, ResponsibilityService.CheckOff request) {
        if (request == null) {
            throw ProblemException.invalid("evidence", "必填");
        }
        return service.checkOff(itemId, request, Actor.of(caller), caller::mayAccessUnit);
    }

    @POST
    @Path("{itemId}/reopen")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Send a done item back to open (the committee, with a reason)")
    public ResponsibilityItemView reopen(@PathParam("itemId") String itemId, ResponsibilityService.Reopen request) {
        if (request == null) {
            throw ProblemException.invalid("reason", "必填");
        }
        return service.reopen(itemId, request);
    }
}
