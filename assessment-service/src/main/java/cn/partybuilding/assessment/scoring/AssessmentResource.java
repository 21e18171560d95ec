package cn.partybuilding.assessment.scoring;

import cn.partybuilding.eventing.web.ProblemException;
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

    @POST
    @Operation(summary = "Record the score of (unit, MANUAL indicator, month)")
    public Response record(AssessmentService.ScoreRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        AssessmentRevision out = service.record(request);
        return Response.created(URI.create("/assessments/" + out.assessmentId())).entity(out).build();
    }

    @POST
    @Path("{assessmentId}/corrections")
    @Operation(summary = "Correct a score with a reason: a new revision, the old ones stay")
    public Response correct(@PathParam("assessmentId") String assessmentId, AssessmentService.CorrectionRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "必填");
        }
        return Response.status(201).entity(service.correct(assessmentId, request)).build();
    }

    @GET
    @Operation(summary = "Current scores, filtered by unit, month, indicator")
    public List<AssessmentRevision> list(@QueryParam("unitCode") String unitCode, @QueryParam("period") String period,
                                         @QueryParam("indicatorCode") String indicatorCode) {
        return service.list(unitCode, period, indicatorCode);
    }

    @GET
    @Path("{assessmentId}")
    public AssessmentRevision current(@PathParam("assessmentId") String assessmentId) {
        return service.current(assessmentId);
    }

    @GET
    @Path("{assessmentId}/history")
    @Operation(summary = "Every revision, oldest first")
    public List<AssessmentRevision> history(@PathParam("assessmentId") String assessmentId) {
        return service.history(assessmentId);
    }
}
