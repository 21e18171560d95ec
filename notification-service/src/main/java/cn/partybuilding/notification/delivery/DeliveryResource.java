package cn.partybuilding.notification.delivery;

import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The committee's resend of a delivery that gave up. */
@Path("/notices/{id}/deliveries/{channel}")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    @Inject
    DeliveryScheduler scheduler;

    /** 202 with the delivery, PENDING and due now; 404 unknown notice/channel, 409 not FAILED. */
    @POST
    @Path("resend")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    public Response resend(@PathParam("id") String id, @PathParam("channel") String channel) {
        if (!RequestText.plausibleId(id)) {
            throw cn.partybuilding.notification.notice.NoticeException.notFound(id);
        }
        if (!RequestText.plausibleId(channel)) {
            throw DeliveryException.noSuchDelivery(id, RequestText.shown(channel));
        }
        return Response.accepted(NoticeViews.DeliveryState.of(scheduler.resend(id, channel))).build();
    }
}
