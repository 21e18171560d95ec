package cn.partybuilding.assessment.scoring;

import cn.partybuilding.eventing.web.ProblemException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "考核评分与更正（保留全部历史）")
public class AssessmentResource {
    @Inject
    AssessmentService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ASSESSOR, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Record the score of (unit, MANUAL indicator, month); the assessor is the signed-in caller")
    public Response record(AssessmentService.ScoreRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        AssessmentRevision out = service.record(request, Actor.of(caller));
        return Response.created(URI.create("/assessments/" + out.assessmentId())).entity(out).build();
    }

    @POST
    @Path("{assessmentId}/corrections")
    @RolesAllowed({Roles.ASSESSOR, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Correct a score with a reason: a new revision, the old ones stay; the assessor is the signed-in caller")
    public Response correct(@PathParam("assessmentId") String assessmentId, AssessmentService.CorrectionRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        return Response.status(201).entity(service.correct(assessmentId, request, Actor.of(caller))).build();
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "Current scores, filtered by unit, month, indicator (a unit secretary: its own unit's only)")
    public List<AssessmentRevision> list(@QueryParam("unitCode") String unitCode, @QueryParam("period") String period,
                                         @QueryParam("indicatorCode") String indicatorCode) {
        return service.list(unitCode, period, indicatorCode).stream().filter(a -> caller.mayAccessUnit(a.unitCode())).toList();
    }

    @GET
    @Path("{assessmentId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public AssessmentRevision current(@PathParam("assessmentId") String assessmentId) {
        return visible(service.current(assessmentId));
    }

    @GET
    @Path("{assessmentId}/history")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "Every revision, oldest first")
    public List<AssessmentRevision> history(@PathParam("assessmentId") String assessmentId) {
        visible(service.current(assessmentId));
        return service.history(assessmentId);
    }

    /** Another unit's score answers as an unknown one (unit isolation). */
    private AssessmentRevision visible(AssessmentRevision revision) {
        if (!caller.mayAccessUnit(revision.unitCode())) {
            throw ProblemException.notFound("assessmentId", "未知评分: " + revision.assessmentId());
        }
        return revision;
    }
}
