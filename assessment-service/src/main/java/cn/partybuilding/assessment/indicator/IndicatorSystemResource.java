package cn.partybuilding.assessment.indicator;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/indicator-systems/{year}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
// Reads are open to the unit secretaries too: the system is the county's published yardstick every unit is scored by.
@Tag(name = "Indicator system", description = "年度考核指标体系（一级指标权重、二级指标、学习计划），按版本保存")
public class IndicatorSystemResource {
    @Inject
    IndicatorSystemService service;

    @PUT
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Define or change the year's system; after its first score a change becomes a new version, applying from effectiveFrom (YYYY-MM, optional) on")
    public IndicatorSystem define(@PathParam("year") int year, IndicatorSystem.Definition definition) {
        if (definition == null) {
            throw ProblemException.invalid("body", "必填");
        }
        return service.define(year, definition);
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "The year's current version")
    public IndicatorSystem current(@PathParam("year") int year) {
        return service.current(year).orElseThrow(() -> ProblemException.notFound("year", year + " 年度尚未制定考核指标体系"));
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Path("versions")
    public List<IndicatorSystemService.VersionInfo> versions(@PathParam("year") int year) {
        return service.versions(year);
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Path("versions/{version}")
    @Operation(summary = "A version, current or superseded")
    public IndicatorSystem version(@PathParam("year") int year, @PathParam("version") int version) {
        return service.version(year, version).orElseThrow(() -> ProblemException.notFound("version", year + " 年度没有第 " + version + " 版"));
    }
}
