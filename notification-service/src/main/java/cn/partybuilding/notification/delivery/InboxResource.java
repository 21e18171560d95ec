package cn.partybuilding.notification.delivery;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeException;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Null;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The inbox channel: list, read and acknowledge (签收) notices. Who may see and sign which notice is
 * {@link NoticeAccess}; another's notice or inbox answers 404 like one that does not exist.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    static final String ACTOR_FROM_TOKEN = "由登录身份确定，请勿在请求中填写";

    @Inject
    NoticeService notices;
    @Inject
    Caller caller;

    /**
     * 签收 has no fields of its own: who signs is the signed-in caller. {@code by} is still read so that a client that
     * sends it (as before sign-in existed) is told it no longer names the signer, instead of silently signing as
     * someone else than it meant.
     */
    public record AcknowledgeRequest(@Null(message = ACTOR_FROM_TOKEN) Object by) {
    }

    /** A recipient's notices, newest first; {@code status} = all (default), unread or acknowledged. */
    @GET
    @Path("inbox/{recipientId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.MEMBER})
    public List<NoticeViews.Summary> inbox(@PathParam("recipientId") String recipientId,
                                           @QueryParam("status") @DefaultValue("all") String status) {
        Predicate<Notice> filter = switch (status) {
            case "all" -> n -> true;
            case "unread" -> n -> !n.acknowledged();
            case "acknowledged" -> Notice::acknowledged;
            default -> throw new ProblemException(400, "Invalid filter", "status 只能是 all、unread 或 acknowledged",
                    List.of(new Violation("status", "must be all, unread or acknowledged")));
        };
        NoticeAccess.Who who = NoticeAccess.Who.of(caller);
        if (!RequestText.plausibleId(recipientId)) {
            throw recipientNotFound(recipientId);
        }
        List<Notice> visible = Notice.<Notice>list("recipientId = :r and status = :s order by issuedAt desc, documentNumber desc",
                Parameters.with("r", recipientId).and("s", Notice.Status.ISSUED)).stream()
                .filter(n -> NoticeAccess.mayRead(who, n)).toList();
        if (!who.countyWide() && visible.isEmpty() && !NoticeAccess.ownInbox(who, recipientId)) {
            // another's inbox: as if it did not exist
            throw recipientNotFound(recipientId);
        }
        return visible.stream().filter(filter).map(NoticeViews.Summary::of).toList();
    }

    /**
     * Issued notices filtered by type, period, unit and/or recipient: the committee's overview (county-wide roles), and
     * a unit secretary's view of its own unit's notices (another unit named in {@code unitCode} answers 404).
     */
    @GET
    @Path("notices")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public List<NoticeViews.Summary> search(@QueryParam("type") String type, @QueryParam("period") String period,
                                            @QueryParam("unitCode") String unitCode, @QueryParam("recipientId") String recipientId) {
        List<Violation> violations = new ArrayList<>();
        RequestText.check("type", type, violations);
        RequestText.check("period", period, violations);
        RequestText.check("unitCode", unitCode, violations);
        RequestText.check("recipientId", recipientId, violations);
        ProblemException.throwIfAny("查询条件无效", violations);
        NoticeAccess.Who who = NoticeAccess.Who.of(caller);
        if (unitCode != null) {
            caller.requireUnit(unitCode, "unitCode", "单位 " + unitCode);
        }
        StringBuilder q = new StringBuilder("status = :s");
        Parameters p = Parameters.with("s", Notice.Status.ISSUED);
        if (type != null) {
            NoticeType t = NoticeType.parse(type);
            if (t == null) {
                throw new ProblemException(400, "Invalid filter", "未知的通知类型 " + type,
                        List.of(new Violation("type", "unknown notice type")));
            }
            q.append(" and type = :t");
            p.and("t", t);
        }
        List<String[]> more = new ArrayList<>();
        more.add(new String[]{"period", period});
        // a unit secretary's search is bounded to its unit whether or not it names it
        more.add(new String[]{"unitCode", who.countyWide() ? unitCode : caller.unitCode().orElse("")});
        more.add(new String[]{"recipientId", recipientId});
        for (String[] f : more) {
            if (f[1] != null) {
                q.append(" and ").append(f[0]).append(" = :").append(f[0]);
                p.and(f[0], f[1]);
            }
        }
        q.append(" order by issuedAt desc, documentNumber desc");
        return Notice.<Notice>list(q.toString(), p).stream().filter(n -> NoticeAccess.mayRead(who, n))
                .map(NoticeViews.Summary::of).toList();
    }

    @GET
    @Path("notices/{id}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY, Roles.MEMBER})
    public NoticeViews.Detail notice(@PathParam("id") String id) {
        Notice n = visible(id);
        return NoticeViews.Detail.of(n, Delivery.ofNotice(id));
    }

    /**
     * 签收 by the signed-in addressee (the name of its token is recorded). 404 for an unknown notice or one the caller
     * may not see, 403 for the committee admin on a notice addressed to someone else (nobody signs in another's
     * name), 409 when it was acknowledged already. The body is {@code {}}.
     */
    @POST
    @Path("notices/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.UNIT_SECRETARY, Roles.MEMBER, Roles.COMMITTEE_ADMIN})
    public NoticeViews.Detail acknowledge(@PathParam("id") String id, @Valid AcknowledgeRequest request) {
        Notice n = visible(id);
        if (!NoticeAccess.maySign(NoticeAccess.Who.of(caller), n)) {
            String reason = "签收须由收件人本人办理，不能代为签收";
            throw new ProblemException(403, "Forbidden", reason, List.of(new Violation("id", reason)));
        }
        // the name people recognise (the audit record keeps the token's subject beside it); the column holds 200
        Notice signed = notices.acknowledge(id, RequestText.bounded(caller.name(), 200));
        return NoticeViews.Detail.of(signed, Delivery.ofNotice(id));
    }

    /** The issued notice, if the caller may see it; else 404 exactly like a notice that does not exist. */
    private Notice visible(String id) {
        if (!RequestText.plausibleId(id)) {
            throw NoticeException.notFound(id);
        }
        Notice n = notices.issued(id);
        if (!NoticeAccess.mayRead(NoticeAccess.Who.of(caller), n)) {
            throw NoticeException.notFound(id);
        }
        return n;
    }

    private static ProblemException recipientNotFound(String recipientId) {
        return ProblemException.notFound("收件人 " + RequestText.shown(recipientId) + " 不存在", "recipientId", "不存在");
    }
}
