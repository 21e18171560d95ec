package cn.partybuilding.reporting.ranking;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.scoring.RankedUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ranking tables (live and published), scorecards with drill-down, trends and bulletin exports. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RankingResource {
    @Inject
    RankingService rankings;

    @Inject
    PublishedRankings published;

    @Inject
    RankingCache cache;

    @Inject
    ObjectMapper mapper;

    /** The platform's clock: the trend's default end is the current month of the county's zone. */
    @Inject
    Clock clock;

    /** The month ranked from the current facts (changes as events arrive until it is published). */
    @GET
    @Path("rankings/{period}")
    public Map<String, Object> live(@PathParam("period") String period) {
        LiveRanking live = rankings.live(Periods.month("period", period));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("status", "LIVE");
        body.put("systemYear", live.system().year());
        body.put("systemVersion", live.system().version());
        body.put("effectiveFrom", live.system().effectiveMonth().toString());
        body.put("entries", RankingEntryView.of(live.entries()));
        return body;
    }

    /**
     * The latest published version, or the version asked for: served from the serialised bytes of that frozen version
     * with an ETag (304 on If-None-Match); a numbered version may be cached for a year, the latest is revalidated.
     */
    @GET
    @Path("rankings/{period}/published")
    public Response published(@PathParam("period") String period, @QueryParam("version") Integer version, @Context HttpHeaders headers) {
        YearMonth month = Periods.month("period", period);
        int number = version != null ? version : published.latestVersion(month)
                .orElseThrow(() -> ProblemException.notFound(month + " 的排名尚未发布", "period", "not published"));
        JsonBody body = cache.published(month, number, () -> JsonBody.of(mapper, publishedBody(period, publishedOr404(month, number))));
        return body.respond(headers, version != null ? "public, max-age=31536000, immutable" : "no-cache");
    }

    private static Map<String, Object> publishedBody(String period, PublishedRankings.Published p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("status", "PUBLISHED");
        body.put("version", p.version().version());
        body.put("publishedAt", p.version().publishedAt());
        body.put("reason", p.version().reason());
        body.put("systemYear", p.version().systemYear());
        body.put("systemVersion", p.version().systemVersion());
        body.put("effectiveFrom", p.version().systemEffectiveFrom());
        body.put("entries", RankingEntryView.of(p.entries()));
        return body;
    }

    @GET
    @Path("rankings/{period}/history")
    public List<PublishedRankings.Version> history(@PathParam("period") String period) {
        return published.versions(Periods.month("period", period));
    }

    @GET
    @Path("units/{unitCode}/scorecard/{period}")
    public Response scorecard(@PathParam("unitCode") String unitCode, @PathParam("period") String period, @Context HttpHeaders headers) {
        return rankings.scorecardBody(Periods.month("period", period), unitCode).respond(headers, "no-cache");
    }

    public record TrendPoint(String period, double score, int rank, String tier, String status, boolean published) {
    }

    /** Month by month: the published figure where the month was published, else the live one. */
    @GET
    @Path("units/{unitCode}/trend")
    public List<TrendPoint> trend(@PathParam("unitCode") String unitCode, @QueryParam("from") String from, @QueryParam("to") String to) {
        YearMonth last = to == null ? YearMonth.now(clock) : Periods.month("to", to);
        YearMonth first = from == null ? YearMonth.of(last.getYear(), 1) : Periods.month("from", from);
        if (first.isAfter(last) || first.plusMonths(36).isBefore(last)) {
            throw ProblemException.invalid("查询区间应在 36 个月以内且起始不晚于结束", "from", "must not be after 'to' nor more than 36 months before it");
        }
        List<TrendPoint> points = new ArrayList<>();
        boolean known = false;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Optional<RankedUnit> entry = published.latest(m).flatMap(p -> p.entries().stream().filter(e -> e.unitCode().equals(unitCode)).findFirst());
            boolean isPublished = entry.isPresent();
            if (entry.isEmpty()) {
                try {
                    entry = rankings.live(m).entries().stream().filter(e -> e.unitCode().equals(unitCode)).findFirst();
                } catch (ProblemException noSystem) {
                    entry = Optional.empty();
                }
            }
            if (entry.isPresent()) {
                known = true;
                RankedUnit e = entry.get();
                points.add(new TrendPoint(m.toString(), e.score(), e.rank(), e.tier().name(), e.status().name(), isPublished));
            }
        }
        if (!known) {
            throw ProblemException.notFound("单位 " + unitCode + " 在该区间没有考评数据", "unitCode", "unknown unit or no data in range");
        }
        return points;
    }

    @GET
    @Path("rankings/{period}/bulletin.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("period") String period) {
        Bulletin b = bulletin(period);
        return Response.ok(BulletinExport.csv(b.title(), b.entries()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + period + ".csv\"").build();
    }

    @GET
    @Path("rankings/{period}/bulletin.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@PathParam("period") String period) {
        Bulletin b = bulletin(period);
        return Response.ok(BulletinExport.xlsx(b.title(), b.entries()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + period + ".xlsx\"").build();
    }

    private record Bulletin(String title, List<RankedUnit> entries) {
    }

    /** The latest published version when there is one, else the live ranking (marked 未发布 in the title). */
    private Bulletin bulletin(String period) {
        YearMonth month = Periods.month("period", period);
        String base = month.getYear() + " 年 " + month.getMonthValue() + " 月党建工作考评排名";
        return published.latest(month)
                .map(p -> new Bulletin(base + "（第 " + p.version().version() + " 版）", p.entries()))
                .orElseGet(() -> new Bulletin(base + "（未发布）", rankings.live(month).entries()));
    }

    private PublishedRankings.Published publishedOr404(YearMonth month, Integer version) {
        Optional<PublishedRankings.Published> p = version == null ? published.latest(month) : published.version(month, version);
        return p.orElseThrow(() -> ProblemException.notFound(month + " 的排名" + (version == null ? "尚未发布" : "没有第 " + version + " 版"),
                version == null ? "period" : "version", "not published"));
    }
}
