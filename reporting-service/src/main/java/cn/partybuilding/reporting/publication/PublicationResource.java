package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Publishing months, quarters and years. Responses are the *View records, built from the domain results; the event
 * payloads (*Published) are never returned here.
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

    public record DebriefRequest(Double score) {
    }

    public record Debrief(int year, String unitCode, double score) {
    }

    @POST
    @Path("rankings/{period}/publish")
    @Consumes(MediaType.WILDCARD)
    public MonthPublicationView publishMonth(@PathParam("period") String period, String requestBody) {
        PublishRequest request = parse(requestBody);
        return MonthPublicationView.of(monthly.publish(Periods.month("period", period), request == null ? null : request.reason()));
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
    public QuarterPublicationView publishQuarter(@PathParam("quarter") String quarter) {
        return QuarterPublicationView.of(quarterly.publish(quarter, Periods.quarter("quarter", quarter)));
    }

    @GET
    @Path("quarters/{quarter}")
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
    public Debrief putDebrief(@PathParam("year") int year, @PathParam("unitCode") String unitCode, DebriefRequest request) {
        if (request == null || request.score() == null) {
            throw ProblemException.invalid("述职评议得分必填", "score", "required");
        }
        if (request.score() < 0 || request.score() > 100) {
            throw ProblemException.invalid("述职评议得分应在 0 到 100 之间", "score", "must be between 0 and 100");
        }
        annual.putDebrief(year, unitCode, request.score());
        return new Debrief(year, unitCode, request.score());
    }

    @POST
    @Path("years/{year}/publish")
    public AnnualPublicationView publishYear(@PathParam("year") int year) {
        return AnnualPublicationView.of(annual.publish(year));
    }

    @GET
    @Path("years/{year}")
    public List<PublicationReader.AnnualResult> year(@PathParam("year") int year) {
        List<PublicationReader.AnnualResult> results = publications.annualResults(year);
        if (results.isEmpty()) {
            throw ProblemException.notFound(year + " 年度结果尚未发布", "year", "not published");
        }
        return results;
    }
}
