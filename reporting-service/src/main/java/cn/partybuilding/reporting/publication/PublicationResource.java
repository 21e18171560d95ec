package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.platform.Periods;
import cn.partybuilding.reporting.platform.Problem;
import jakarta.inject.Inject;
import cn.partybuilding.contracts.CloudEventCodec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishing months, quarters and years. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PublicationResource {
    @Inject
    PublicationService service;

    public record PublishRequest(String reason) {
    }

    public record DebriefRequest(Double score) {
    }

    @POST
    @Path("rankings/{period}/publish")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> publishMonth(@PathParam("period") String period, String requestBody) {
        PublishRequest request = parse(requestBody);
        PublicationService.MonthPublication p = service.publishMonth(Periods.month(period, "period"), request == null ? null : request.reason());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", p.ranking().period());
        body.put("version", p.ranking().version());
        body.put("publishedAt", p.ranking().publishedAt());
        body.put("entries", p.ranking().entries());
        body.put("noticeRequests", p.notices().size());
        return body;
    }

    /** The body is optional (a first publication needs none), so it is read leniently. */
    private static PublishRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return CloudEventCodec.MAPPER.readValue(body, PublishRequest.class);
        } catch (java.io.IOException e) {
            throw Problem.badRequest("请求体不是有效的 JSON", "body", "malformed JSON");
        }
    }

    @POST
    @Path("quarters/{quarter}/publish")
    public Map<String, Object> publishQuarter(@PathParam("quarter") String quarter) {
        PublicationService.QuarterPublication p = service.publishQuarter(quarter, Periods.quarter(quarter, "quarter"));
        return Map.of("grades", p.grades(), "noticeRequests", p.notices().size());
    }

    @GET
    @Path("quarters/{quarter}")
    public List<Map<String, Object>> quarter(@PathParam("quarter") String quarter) {
        Periods.quarter(quarter, "quarter");
        List<Map<String, Object>> grades = service.quarterGrades(quarter);
        if (grades.isEmpty()) {
            throw Problem.notFound(quarter + " 的季度等次尚未发布", "quarter", "not published");
        }
        return grades;
    }

    @PUT
    @Path("years/{year}/debriefs/{unitCode}")
    public Map<String, Object> putDebrief(@PathParam("year") int year, @PathParam("unitCode") String unitCode, DebriefRequest request) {
        if (request == null || request.score() == null) {
            throw Problem.badRequest("述职评议得分必填", "score", "required");
        }
        if (request.score() < 0 || request.score() > 100) {
            throw Problem.badRequest("述职评议得分应在 0 到 100 之间", "score", "must be between 0 and 100");
        }
        service.putDebrief(year, unitCode, request.score());
        return Map.of("year", year, "unitCode", unitCode, "score", request.score());
    }

    @POST
    @Path("years/{year}/publish")
    public AnnualResultsPublished publishYear(@PathParam("year") int year) {
        return service.publishYear(year);
    }

    @GET
    @Path("years/{year}")
    public List<Map<String, Object>> year(@PathParam("year") int year) {
        List<Map<String, Object>> results = service.annualResults(year);
        if (results.isEmpty()) {
            throw Problem.notFound(year + " 年度结果尚未发布", "year", "not published");
        }
        return results;
    }
}
