package cn.partybuilding.assessment.study;

import cn.partybuilding.eventing.time.Periods;
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

@Path("/study")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Study", description = "学习完成记录（单条与批量）、考试成绩、学习强国积分；重复提交幂等")
public class StudyResource {
    /** Largest batch accepted in one request (the body limit applies as well). */
    public static final int MAX_BATCH = 20_000;

    @Inject
    StudyStore store;

    @Inject
    Caller caller;

    public record CompletionBatch(String period, List<CompletionRecord> completions) {
    }

    public record ExamBatch(String period, List<ExamRecord> results) {
    }

    public record PointsBatch(String period, List<PointsRecord> points) {
    }

    /** What a batch did: how many rows came, how many were new (and published), how many were already known. */
    public record BatchResult(int received, int created, int duplicates) {
    }

    @POST
    @Path("completions")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.UNIT_SECRETARY})
    @Operation(summary = "Record one completion; a repeat of (member, activityType, date) returns the stored one with 200. A unit secretary records its own unit's members only (another unit's member is an unknown member)")
    public Response completion(CompletionRecord in) {
        return single(StudyKinds.COMPLETION, in);
    }

    @POST
    @Path("completions/batch")
    @RolesAllowed({Roles.LEARNING_PLATFORM, Roles.COMMITTEE_ADMIN})
    @Operation(summary = "Record up to 20,000 completions of one month in one transaction, all or nothing")
    public BatchResult completions(CompletionBatch in) {
        return batch(StudyKinds.COMPLETION, in == null ? null : in.period(), in == null ? null : in.completions(), "completions");
    }

    @POST
    @Path("exam-results")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Record an exam result; passScore comes from the year's indicator system; a repeat of (member, examId) returns 200")
    public Response exam(ExamRecord in) {
        return single(StudyKinds.EXAM, in);
    }

    @POST
    @Path("exam-results/batch")
    @RolesAllowed({Roles.LEARNING_PLATFORM, Roles.COMMITTEE_ADMIN})
    public BatchResult exams(ExamBatch in) {
        return batch(StudyKinds.EXAM, in == null ? null : in.period(), in == null ? null : in.results(), "results");
    }

    @POST
    @Path("platform-points")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Record one member's 学习强国 points of one day; a repeat of (member, date) returns 200")
    public Response points(PointsRecord in) {
        return single(StudyKinds.POINTS, in);
    }

    @POST
    @Path("platform-points/batch")
    @RolesAllowed({Roles.LEARNING_PLATFORM, Roles.COMMITTEE_ADMIN})
    public BatchResult pointsBatch(PointsBatch in) {
        return batch(StudyKinds.POINTS, in == null ? null : in.period(), in == null ? null : in.points(), "points");
    }

    @GET
    @Path("completions")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.MEMBER})
    @Operation(summary = "A month's completions of a member or a unit (a unit secretary: its own unit's members; a member: its own)")
    public List<CompletionRecord> listCompletions(@QueryParam("unitCode") String unitCode, @QueryParam("memberId") String memberId,
                                                @QueryParam("period") String period) {
        return readable(StudyKinds.COMPLETION, unitCode, memberId, period);
    }

    @GET
    @Path("exam-results")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.MEMBER})
    public List<ExamRecord> listExams(@QueryParam("unitCode") String unitCode, @QueryParam("memberId") String memberId,
                                      @QueryParam("period") String period) {
        return readable(StudyKinds.EXAM, unitCode, memberId, period);
    }

    @GET
    @Path("platform-points")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.MEMBER})
    public List<PointsRecord> listPoints(@QueryParam("unitCode") String unitCode, @QueryParam("memberId") String memberId,
                                                   @QueryParam("period") String period) {
        return readable(StudyKinds.POINTS, unitCode, memberId, period);
    }

    @GET
    @Path("late")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR})
    @Operation(summary = "Study records other systems sent for the month while it was locked (迟报): kept, not counted until it is reopened")
    public List<StudyStore.LateRecord> late(@QueryParam("period") String period) {
        if (period == null) {
            throw ProblemException.invalid("period", "必填，格式 YYYY-MM");
        }
        return store.late(period);
    }

    /**
     * The records the caller may read: county-wide roles any; a unit secretary its own unit's members' (another unit or
     * another unit's member reads as one without records, exactly like an unknown one); a member only its own.
     */
    private <R extends StudyRecord> List<R> readable(StudyKind<R> kind, String unitCode, String memberId, String period) {
        if (caller.isCountyWide()) {
            return store.list(kind, unitCode, memberId, period);
        }
        if (caller.has(Roles.MEMBER) && !caller.has(Roles.UNIT_SECRETARY)) {
            String own = caller.memberId().orElse(null);
            boolean asksOther = (memberId != null && !memberId.equals(own)) || (unitCode != null && !caller.mayAccessUnit(unitCode));
            if (own == null || asksOther) {
                Periods.month("period", period); // the same 400 a county-wide caller gets for a bad month
                return List.of();
            }
            return store.list(kind, null, own, period);
        }
        List<R> records = store.list(kind, unitCode, memberId, period);
        return records.stream().filter(r -> caller.mayAccessUnit(r.unitCode())).toList();
    }

    private <R extends StudyRecord> Response single(StudyKind<R> kind, R in) {
        if (in == null) {
            throw ProblemException.invalid("body", "必填");
        }
        StudyStore.Outcome<R> outcome = store.store(kind, List.of(in), null, "", caller::mayAccessUnit).get(0);
        return Response.status(outcome.created() ? 201 : 200).entity(outcome.record()).build();
    }

    private <R extends StudyRecord> BatchResult batch(StudyKind<R> kind, String period, List<R> rows, String field) {
        if (period == null) {
            throw ProblemException.invalid("period", "必填，格式 YYYY-MM");
        }
        if (rows == null || rows.isEmpty()) {
            throw ProblemException.invalid(field, "至少需要一条记录");
        }
        if (rows.size() > MAX_BATCH) {
            throw ProblemException.invalid(field, "每批最多 " + MAX_BATCH + " 条，收到 " + rows.size());
        }
        List<StudyStore.Outcome<R>> outcomes = store.store(kind, rows, period, field + "[%d].", caller::mayAccessUnit);
        int created = (int) outcomes.stream().filter(StudyStore.Outcome::created).count();
        return new BatchResult(rows.size(), created, rows.size() - created);
    }
}
