package cn.partybuilding.reporting.ranking;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Ranking tables (live and published), scorecards with drill-down, trends and bulletin exports. The live ranking is the
 * county's working figure (committee, assessors, auditors); the published one is the county's bulletin, read by unit
 * secretaries too. A secretary sees its own unit's scorecard and trend only: another unit's answers as a unit that does
 * not exist (404), so that a probe learns nothing.
 */
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

    @Inject
    Caller caller;

    /** The platform's clock: the trend's default end is the current month of the county's zone. */
    @Inject
    Clock clock;

    /** Said instead of a ranking when no unit has submitted anything for the month (issue 12.4). */
    static final String NOBODY_SUBMITTED = "本月尚无单位报送考评数据，不评定等次，不发通报";

    /** The month ranked from the current facts (changes as events arrive until it is published). */
    @GET
    @Path("rankings/{period}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR})
    public Map<String, Object> live(@PathParam("period") String period) {
        LiveRanking live = rankings.live(Periods.month("period", period));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("status", "LIVE");
        body.put("systemYear", live.system().year());
        body.put("systemVersion", live.system().version());
        body.put("effectiveFrom", live.system().effectiveMonth().toString());
        body.put("entries", RankingEntryView.of(live.entries()));
        body.put("notSubmitted", NotSubmittedView.of(live.notSubmitted()));
        if (live.entries().isEmpty()) {
            body.put("note", NOBODY_SUBMITTED);
        }
        return body;
    }

    /**
     * The latest published version, or the version asked for: served from the serialised bytes of that frozen version
     * with an ETag (304 on If-None-Match); a numbered version may be cached for a year, the latest is revalidated.
     */
    @GET
    @Path("rankings/{period}/published")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public Response published(@PathParam("period") String period, @QueryParam("version") Integer version, @Context HttpHeaders headers) {
        YearMonth month = Periods.month("period", period);
        int number = version != null ? version : cache.latestPublishedVersion(month, published::latestVersion)
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
        body.put("notSubmitted", NotSubmittedView.of(p.notSubmitted()));
        return body;
    }

    @GET
    @Path("rankings/{period}/history")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<PublishedRankings.Version> history(@PathParam("period") String period) {
        return published.versions(Periods.month("period", period));
    }

    @GET
    @Path("units/{unitCode}/scorecard/{period}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public Response scorecard(@PathParam("unitCode") String unitCode, @PathParam("period") String period, @Context HttpHeaders headers) {
        YearMonth month = Periods.month("period", period);
        if (!caller.mayAccessUnit(unitCode)) {
            // the very answer FactsReader gives for a unit that does not exist
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "unknown unit");
        }
        return rankings.scorecardBody(month, unitCode).respond(headers, "no-cache");
    }

    /** A month of a unit's trend; score, rank and tier are null in a month it submitted nothing (未报送). */
    public record TrendPoint(String period, Double score, Integer rank, String tier, String status, boolean published) {
    }

    /** Month by month: the published figure where the month was published, else the live one. */
    @GET
    @Path("units/{unitCode}/trend")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<TrendPoint> trend(@PathParam("unitCode") String unitCode, @QueryParam("from") String from, @QueryParam("to") String to) {
        YearMonth last = to == null ? YearMonth.now(clock) : Periods.month("to", to);
        YearMonth first = from == null ? YearMonth.of(last.getYear(), 1) : Periods.month("from", from);
        if (first.isAfter(last) || first.plusMonths(36).isBefore(last)) {
            throw ProblemException.invalid("查询区间应在 36 个月以内且起始不晚于结束", "from", "must not be after 'to' nor more than 36 months before it");
        }
        if (!caller.mayAccessUnit(unitCode)) {
            throw noTrend(unitCode);
        }
        List<TrendPoint> points = new ArrayList<>();
        boolean known = false;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Optional<PublishedRankings.Published> frozen = published.latest(m);
            List<RankedUnit> entries;
            List<NotSubmittedUnit> notSubmitted;
            if (frozen.isPresent()) {
                entries = frozen.get().entries();
                notSubmitted = frozen.get().notSubmitted();
            } else {
                try {
                    LiveRanking live = rankings.live(m);
                    entries = live.entries();
                    notSubmitted = live.notSubmitted();
                } catch (ProblemException noSystem) {
                    continue;
                }
            }
            String month = m.toString();
            Optional<TrendPoint> point = entries.stream().filter(e -> e.unitCode().equals(unitCode)).findFirst()
                    .map(e -> new TrendPoint(month, e.score(), e.rank(), e.tier().name(), e.status().name(), frozen.isPresent()))
                    .or(() -> notSubmitted.stream().filter(u -> u.unitCode().equals(unitCode)).findFirst()
                            .map(u -> new TrendPoint(month, null, null, null, Status.NOT_SUBMITTED.name(), frozen.isPresent())));
            if (point.isPresent()) {
                known = true;
                points.add(point.get());
            }
        }
        if (!known) {
            throw noTrend(unitCode);
        }
        return points;
    }

    private static ProblemException noTrend(String unitCode) {
        return ProblemException.notFound("单位 " + unitCode + " 在该区间没有考评数据", "unitCode", "unknown unit or no data in range");
    }

    @GET
    @Path("rankings/{period}/bulletin.csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public Response csv(@PathParam("period") String period) {
        Bulletin b = bulletin(period);
        return Response.ok(BulletinExport.csv(b.title(), b.entries(), b.notSubmitted()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + period + ".csv\"").build();
    }

    @GET
    @Path("rankings/{period}/bulletin.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public Response xlsx(@PathParam("period") String period) {
        Bulletin b = bulletin(period);
        return Response.ok(BulletinExport.xlsx(b.title(), b.entries(), b.notSubmitted()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + period + ".xlsx\"").build();
    }

    private record Bulletin(String title, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {
    }

    /**
     * The latest published version when there is one, else the live ranking (marked 未发布 in the title) for the county-wide
     * roles; a unit secretary reads only published rankings, so for it an unpublished month is 404 like the published one.
     */
    private Bulletin bulletin(String period) {
        YearMonth month = Periods.month("period", period);
        String base = month.getYear() + " 年 " + month.getMonthValue() + " 月党建工作考评排名";
        return published.latest(month)
                .map(p -> new Bulletin(base + "（第 " + p.version().version() + " 版）", p.entries(), p.notSubmitted()))
                .orElseGet(() -> {
                    if (!caller.isCountyWide()) {
                        throw ProblemException.notFound(month + " 的排名尚未发布", "period", "not published");
                    }
                    LiveRanking live = rankings.live(month);
                    return new Bulletin(base + "（未发布）", live.entries(), live.notSubmitted());
                });
    }

    private PublishedRankings.Published publishedOr404(YearMonth month, Integer version) {
        Optional<PublishedRankings.Published> p = version == null ? published.latest(month) : published.version(month, version);
        return p.orElseThrow(() -> ProblemException.notFound(month + " 的排名" + (version == null ? "尚未发布" : "没有第 " + version + " 版"),
                version == null ? "period" : "version", "not published"));
    }
}
