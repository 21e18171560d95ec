package cn.partybuilding.assessment.meeting;

import cn.partybuilding.assessment.common.Actor;
import cn.partybuilding.assessment.indicator.ActivityType;
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

import java.util.List;

@Path("/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Meetings", description = "三会一课、主题党日、组织生活会等会议：一次记录，参会即学习完成记录")
public class MeetingResource {
    @Inject
    MeetingService service;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.UNIT_SECRETARY})
    @Operation(summary = "Record a meeting of a party organisation; each attendee gets a completion of the meeting's kind on its date. "
            + "A unit secretary records its own unit's organisations only (another unit's is an unknown organisation)")
    public Response record(MeetingRequest in) {
        return Response.status(201).entity(service.record(in, Actor.of(caller), caller::mayAccessUnit)).build();
    }

    @PUT
    @Path("{meetingId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.UNIT_SECRETARY})
    @Operation(summary = "Replace a meeting's facts (full state) until its month is locked; removed attendees' completions are withdrawn")
    public MeetingView revise(@PathParam("meetingId") String meetingId, MeetingRequest in) {
        return service.revise(meetingId, in, Actor.of(caller), caller::mayAccessUnit);
    }

    @GET
    @Path("{meetingId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public MeetingView meeting(@PathParam("meetingId") String meetingId) {
        return service.meeting(meetingId).filter(m -> caller.mayAccessUnit(m.unitCode()))
                .orElseThrow(() -> ProblemException.notFound("会议不存在", "meetingId", "不存在"));
    }

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "A month's meetings, by date (a unit secretary: its own unit's)")
    public List<MeetingView> list(@QueryParam("period") String period, @QueryParam("unitCode") String unitCode,
                                  @QueryParam("organizationId") String organizationId, @QueryParam("kind") ActivityType kind) {
        if (period == null) {
            throw ProblemException.invalid("period", "必填，格式 YYYY-MM");
        }
        return service.list(period, unitCode, organizationId, kind).stream().filter(m -> caller.mayAccessUnit(m.unitCode())).toList();
    }
}
