package cn.partybuilding.assessment.bonus;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/bonuses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Bonuses", description = "加分（每单位每年度封顶）")
public class BonusResource {
    @Inject
    BonusService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ASSESSOR, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Grant a bonus; over the yearly cap only the remainder is granted, none left: 409")
    public Response grant(BonusService.BonusRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        return Response.status(201).entity(service.grant(request)).build();
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "Bonuses, filtered by unit and year (a unit secretary: its own unit's only)")
    public List<BonusService.BonusView> list(@QueryParam("unitCode") String unitCode, @QueryParam("year") Integer year) {
        return service.list(unitCode, year).stream().filter(b -> caller.mayAccessUnit(b.unitCode())).toList();
    }
}
