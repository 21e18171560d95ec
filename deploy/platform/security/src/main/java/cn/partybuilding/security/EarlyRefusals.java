package cn.partybuilding.security;

import cn.partybuilding.eventing.web.EarlyRefusalListener;
import cn.partybuilding.eventing.web.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The audit record of a write the platform refused before the REST layer read it (body or request line over the limits,
 * {@code eventing.web.RequestLimitFilter}): outcome REFUSED like every other refused write, with the caller from the
 * bearer token when it is a valid one (anonymous otherwise), the operation as "METHOD /path" (no resource was matched)
 * and the request id (the client's {@code X-Request-Id} or a new one, also on the answer). Reads leave no record, as
 * everywhere.
 */
@ApplicationScoped
public class EarlyRefusals implements EarlyRefusalListener {
    private static final Logger LOG = Logger.getLogger(EarlyRefusals.class);

    @Inject
    AuditTrail trail;
    @Inject
    HttpAuthenticator authenticator;

    @Override
    public Future<Void> refused(RoutingContext ctx, Problem problem) {
        String method = ctx.request().method().name();
        String given = ctx.request().getHeader(AuditFilters.REQUEST_ID);
        String requestId = given != null && AuditFilters.SAFE_ID.matcher(given).matches() ? given : java.util.UUID.randomUUID().toString();
        ctx.response().putHeader(AuditFilters.REQUEST_ID, requestId);
        if (!AuditFilters.WRITES.contains(method)) {
            return Future.succeededFuture();
        }
        String path = ctx.request().path();
        String action = method + " " + AuditTrail.clip(path);
        Promise<Void> recorded = Promise.promise();
        identity(ctx).subscribe().with(
                identity -> write(ctx, identity == null || identity.isAnonymous() ? null : identity, requestId, action, path, problem, recorded),
                failure -> write(ctx, null, requestId, action, path, problem, recorded)); // a token that was not accepted
        return recorded.future();
    }

    /** The identity the authentication handler prepared (lazy, since authentication is not proactive), else one attempt. */
    private Uni<SecurityIdentity> identity(RoutingContext ctx) {
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        return deferred != null ? deferred : authenticator.attemptAuthentication(ctx);
    }

    private void write(RoutingContext ctx, SecurityIdentity identity, String requestId, String action, String path, Problem problem,
                       Promise<Void> recorded) {
        ctx.vertx().executeBlocking(() -> {
            trail.refusedBeforeReading(identity, requestId, action, AuditFilters.targetType(path), problem.status(), problem.detail());
            return null;
        }, false).onComplete(done -> {
            if (done.failed()) {
                LOG.warnf("refusal not recorded in the audit trail (%s %d): %s", action, problem.status(), done.cause().getMessage());
            }
            recorded.complete();
        });
    }
}
