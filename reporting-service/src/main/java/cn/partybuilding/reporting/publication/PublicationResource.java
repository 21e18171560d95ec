package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.PlainText;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.StrictNumber;
import cn.partybuilding.security.Roles;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.YearMonth;
import java.util.List;

/**
 * Publishing months, quarters and years. Responses are the *View records, built from the domain results; the event
 * payloads (*Published) are never returned here. Publishing and the debrief scores are the committee's; the published
 * quarter and year results are read like the published ranking (county-wide roles and unit secretaries).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PublicationResource {
    @Inject
    MonthlyPublication monthly;

    @Inject
    QuarterlyPublication quarterly;

    @Inject
    AnnualPublication annual;

    @Inject
    PublicationReader publications;

    public record PublishRequest(String reason) {
    }

    public record DebriefRequest(@JsonDeserialize(using = StrictNumber.class) Double score) {
    }

    public record Debrief(int year, String unitCode, double score) {
    }

    /** A reason is one line or a short paragraph of the committee's; longer text, or control characters, are refused. */
    static final int REASON_MAX = 500;

    @POST
    @Path("rankings/{period}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public MonthPublicationView publishMonth(@PathParam("period") String period, String requestBody) {
        YearMonth month = Periods.month("period", period);
        PublishRequest request = parse(requestBody);
        String reason = request == null ? null : checkedReason(request.reason());
        return MonthPublicationView.of(monthly.publish(month, reason));
    }

    private static String checkedReason(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() > REASON_MAX) {
            throw ProblemException.invalid("发布原因过长", "reason", "不得超过 " + REASON_MAX + " 个字符");
        }
        // the platform's rule of free text: line breaks and tabs are text, NUL and the other control characters are not
        if (!PlainText.isText(reason)) {
            throw ProblemException.invalid("发布原因含有控制字符", "reason", PlainText.REASON);
        }
        return reason;
    }

    /** The body is optional (a first publication needs none), so it is read leniently. */
    private static PublishRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return CloudEventCodec.MAPPER.readValue(body, PublishRequest.class);
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("请求体不是有效的 JSON", "body", "malformed JSON");
        }
    }

    @POST
    @Path("quarters/{quarter}/publish")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public QuarterPublicationView publishQuarter(@PathParam("quarter") String quarter) {
        return QuarterPublicationView.of(quarterly.publish(quarter, Periods.quarter("quarter", quarter)));
    }

    @GET
    @Path("quarters/{quarter}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<PublicationReader.QuarterGrade> quarter(@PathParam("quarter") String quarter) {
        Periods.quarter("quarter", quarter);
        List<PublicationReader.QuarterGrade> grades = publications.quarterGrades(quarter);
        if (grades.isEmpty()) {
            throw ProblemException.notFound(quarter + " 的季度等次尚未发布", "quarter", "not published");
        }
        return grades;
    }

    @PUT
    @Path("years/{year}/debriefs/{unitCode}")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public Debrief putDebrief(@PathParam("year") int year, @PathParam("unitCode") String unitCode, DebriefRequest request) {
        checkYear(year);
        if (request == null || request.score() == null) {
            throw ProblemException.invalid("述职评议得分必填", "score", "required");
        }
        // Double.compare: -0 is refused with the negatives (a client sending it has a defect worth seeing); 1e400 is infinite
        if (Double.compare(request.score(), 0.0) < 0 || request.score() > 100 || request.score().isNaN()) {
            throw ProblemException.invalid("述职评议得分应在 0 到 100 之间", "score", "must be between 0 and 100");
        }
        annual.putDebrief(year, unitCode, request.score());
        return new Debrief(year, unitCode, request.score());
    }

    /** A republication of a year needs {@code {"reason": …}} (its 更正通报 cites it); the first publication needs no body. */
    @POST
    @Path("years/{year}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public AnnualPublicationView publishYear(@PathParam("year") int year, String requestBody) {
        checkYear(year);
        PublishRequest request = parse(requestBody);
        return AnnualPublicationView.of(annual.publish(year, request == null ? null : checkedReason(request.reason())));
    }

    @GET
    @Path("years/{year}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<PublicationReader.AnnualResult> year(@PathParam("year") int year) {
        checkYear(year);
        List<PublicationReader.AnnualResult> results = publications.annualResults(year);
        if (results.isEmpty()) {
            throw ProblemException.notFound(year + " 年度结果尚未发布", "year", "not published");
        }
        return results;
    }

    /** The year's published versions with their reasons, as {@code GET /rankings/{period}/history} gives a month's. */
    @GET
    @Path("years/{year}/history")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<PublicationReader.AnnualVersion> yearHistory(@PathParam("year") int year) {
        checkYear(year);
        return publications.annualVersions(year);
    }

    private static void checkYear(int year) {
        if (year < 1949 || year > 2100) {
            throw ProblemException.invalid("年度无效", "year", "应在 1949 到 2100 之间");
        }
    }
}
