package cn.partybuilding.notification.delivery;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.notice.NoticeType;
import io.quarkus.panache.common.Parameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

/** The inbox channel: list, read and acknowledge (签收) notices. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    @Inject
    NoticeService notices;

    public record AcknowledgeRequest(@NotBlank @Size(max = 200) String by) {
    }

    /** A recipient's notices, newest first; {@code status} = all (default), unread or acknowledged. */
    @GET
    @Path("inbox/{recipientId}")
    public List<NoticeViews.Summary> inbox(@PathParam("recipientId") String recipientId,
                                           @QueryParam("status") @DefaultValue("all") String status) {
        String filter = switch (status) {
            case "all" -> "";
            case "unread" -> " and acknowledgedAt is null";
            case "acknowledged" -> " and acknowledgedAt is not null";
            default -> throw new ProblemException(400, "Invalid filter", "status 只能是 all、unread 或 acknowledged",
                    List.of(new Violation("status", "must be all, unread or acknowledged")));
        };
        return Notice.<Notice>list("recipientId = :r and status = :s" + filter + " order by issuedAt desc, documentNumber desc",
                Parameters.with("r", recipientId).and("s", Notice.Status.ISSUED)).stream().map(NoticeViews.Summary::of).toList();
    }

    /** Issued notices filtered by type, period, unit and/or recipient (the committee's overview). */
    @GET
    @Path("notices")
    public List<NoticeViews.Summary> search(@QueryParam("type") String type, @QueryParam("period") String period,
                                            @QueryParam("unitCode") String unitCode, @QueryParam("recipientId") String recipientId) {
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
        more.add(new String[]{"unitCode", unitCode});
        more.add(new String[]{"recipientId", recipientId});
        for (String[] f : more) {
            if (f[1] != null) {
                q.append(" and ").append(f[0]).append(" = :").append(f[0]);
                p.and(f[0], f[1]);
            }
        }
        q.append(" order by issuedAt desc, documentNumber desc");
        return Notice.<Notice>list(q.toString(), p).stream().map(NoticeViews.Summary::of).toList();
    }

    @GET
    @Path("notices/{id}")
    public NoticeViews.Detail notice(@PathParam("id") String id) {
        Notice n = notices.issued(id);
        return NoticeViews.Detail.of(n, Delivery.ofNotice(id));
    }

    /** 签收. 404 for an unknown notice, 409 when it was acknowledged already. */
    @POST
    @Path("notices/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public NoticeViews.Detail acknowledge(@PathParam("id") String id, @Valid @NotNull AcknowledgeRequest request) {
        Notice n = notices.acknowledge(id, request.by().trim());
        return NoticeViews.Detail.of(n, Delivery.ofNotice(id));
    }
}
