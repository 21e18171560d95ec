package cn.partybuilding.reporting.debrief;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.eventing.web.PlainText;
import cn.partybuilding.eventing.web.StrictNumber;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The annual 述职评议 and the units' 公开承诺 (issue 16.5): the committee names the year's panel, each reviewer scores
 * each unit's debrief as itself (the reviewer is the token's sign-in name, never a field of the body), and the units'
 * secretaries keep their pledges. Rooted at "/" like {@code PublicationResource}: a class at "/years/{year}" would take every
 * /years/… request from it (JAX-RS picks the class by the longest matching path first). Thin: the rules are {@link DebriefReviews}, {@link Pledges} and {@link DebriefScore}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DebriefResource {
    static final int MAX_REVIEWERS = 50;
    static final int MAX_PLEDGES = 20;
    static final int CONTENT_MAX = 500;
    static final int EVIDENCE_MAX = 1000;
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{1,100}$");

    @Inject
    DebriefReviews reviews;

    @Inject
    Pledges pledges;

    @Inject
    FactsReader facts;

    @Inject
    Caller caller;

    public record PanelRequest(List<String> reviewers) {
    }

    public record Panel(int year, List<String> reviewers) {
    }

    public record ReviewRequest(@JsonDeserialize(using = StrictNumber.class) Double score) {
    }

    public record PledgeRequest(String content, String status, String evidence) {
    }

    public record PledgesRequest(List<PledgeRequest> pledges) {
    }

    @PUT
    @Path("years/{year}/debrief-panel")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public Panel putPanel(@PathParam("year") int year, PanelRequest request) {
        checkYear(year);
        if (request == null || request.reviewers() == null) {
            throw ProblemException.invalid("评议组评委必填", "reviewers", "required");
        }
        if (request.reviewers().size() > MAX_REVIEWERS) {
            throw ProblemException.invalid("评议组评委不得超过 " + MAX_REVIEWERS + " 人", "reviewers", "at most " + MAX_REVIEWERS);
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.reviewers().size(); i++) {
            String r = request.reviewers().get(i);
            if (r == null || !USERNAME.matcher(r).matches()) {
                violations.add(new Violation("reviewers[" + i + "]", "应为评委的登录名（字母、数字、. _ @ -，至多 100 个字符）"));
            } else if (!seen.add(r)) {
                violations.add(new Violation("reviewers[" + i + "]", "重复的评委 " + r));
            }
        }
        ProblemException.throwIfAny("评议组评委不符合要求", violations);
        return new Panel(year, reviews.setPanel(year, List.copyOf(request.reviewers())));
    }

    /**
     * The year's panel and every unit's debrief: the committee, assessors and auditors see each review and the debrief
     * score; a reviewer sees the panel and only its own scores.
     */
    @GET
    @Path("years/{year}/debriefs")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.DEBRIEF_REVIEWER})
    public DebriefReviews.Overview debriefs(@PathParam("year") int year) {
        checkYear(year);
        return reviews.overview(year, caller.isCountyWide() ? null : caller.username());
    }

    @PUT
    @Path("years/{year}/debrief-reviews/{unitCode}")
    @RolesAllowed(Roles.DEBRIEF_REVIEWER)
    public DebriefReviews.Review putReview(@PathParam("year") int year, @PathParam("unitCode") String unitCode, ReviewRequest request) {
        checkYear(year);
        if (request == null || request.score() == null) {
            throw ProblemException.invalid("述职评议得分必填", "score", "required");
        }
        if (Double.compare(request.score(), 0.0) < 0 || request.score() > 100 || request.score().isNaN()) {
            throw ProblemException.invalid("述职评议得分应在 0 到 100 之间", "score", "must be between 0 and 100");
        }
        if (java.math.BigDecimal.valueOf(request.score()).stripTrailingZeros().scale() > 2) {
            throw ProblemException.invalid("述职评议得分至多保留两位小数", "score", "at most two decimals");
        }
        return reviews.review(year, unitCode, caller.username(), caller.name(), request.score());
    }

    /** A unit's pledges: the county-wide roles and the reviewers (who judge their fulfilment) any unit, a secretary its own. */
    @GET
    @Path("years/{year}/pledges/{unitCode}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.DEBRIEF_REVIEWER})
    public Pledges.UnitPledges pledges(@PathParam("year") int year, @PathParam("unitCode") String unitCode) {
        checkYear(year);
        requireUnit(unitCode, !caller.has(Roles.DEBRIEF_REVIEWER));
        return pledges.of(year, unitCode);
    }

    @PUT
    @Path("years/{year}/pledges/{unitCode}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.UNIT_SECRETARY})
    public Pledges.UnitPledges putPledges(@PathParam("year") int year, @PathParam("unitCode") String unitCode, PledgesRequest request) {
        checkYear(year);
        requireUnit(unitCode, true);
        if (request == null || request.pledges() == null) {
            throw ProblemException.invalid("公开承诺必填（可为空列表）", "pledges", "required");
        }
        if (request.pledges().size() > MAX_PLEDGES) {
            throw ProblemException.invalid("公开承诺不得超过 " + MAX_PLEDGES + " 项", "pledges", "at most " + MAX_PLEDGES);
        }
        List<Violation> violations = new ArrayList<>();
        List<Pledges.PledgeInput> inputs = new ArrayList<>();
        for (int i = 0; i < request.pledges().size(); i++) {
            PledgeRequest p = request.pledges().get(i);
            String at = "pledges[" + i + "]";
            if (p == null) {
                violations.add(new Violation(at, "不得为空"));
                continue;
            }
            String content = p.content() == null ? null : p.content().strip();
            if (content == null || content.isEmpty()) {
                violations.add(new Violation(at + ".content", "承诺内容必填"));
            } else if (content.length() > CONTENT_MAX || hasControl(content)) {
                violations.add(new Violation(at + ".content", "不得超过 " + CONTENT_MAX + " 个字符，不得含有控制字符"));
            }
            Pledges.Status status = Pledges.Status.IN_PROGRESS;
            if (p.status() != null) {
                try {
                    status = Pledges.Status.valueOf(p.status());
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(at + ".status", "应为 IN_PROGRESS（推进中）、FULFILLED（已兑现）或 NOT_FULFILLED（未兑现）"));
                }
            }
            String evidence = p.evidence() == null || p.evidence().isBlank() ? null : p.evidence().strip();
            if (evidence != null && (evidence.length() > EVIDENCE_MAX || hasControl(evidence))) {
                violations.add(new Violation(at + ".evidence", "不得超过 " + EVIDENCE_MAX + " 个字符，不得含有控制字符"));
            }
            inputs.add(new Pledges.PledgeInput(content, status, evidence));
        }
        ProblemException.throwIfAny("公开承诺不符合要求", violations);
        return pledges.replace(year, unitCode, inputs, caller.name());
    }

    /** An unknown unit, and another unit's for a secretary, answer the same 404. */
    private void requireUnit(String unitCode, boolean ownOnly) {
        if (!facts.unitNames().containsKey(unitCode)) {
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "不存在");
        }
        if (ownOnly && !caller.mayAccessUnit(unitCode)) {
            throw ProblemException.notFound("单位 " + unitCode + " 不存在", "unitCode", "不存在");
        }
    }

    /** The platform's one rule for free text (tab and line breaks allowed, no other control character). */
    private static boolean hasControl(String text) {
        return !PlainText.isText(text);
    }

    private static void checkYear(int year) {
        if (year < 1949 || year > 2100) {
            throw ProblemException.invalid("年度无效", "year", "应在 1949 到 2100 之间");
        }
    }
}
