package cn.partybuilding.eventing.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Told of every request the platform refuses before the REST layer sees it ({@link RequestLimitFilter}: a body over
 * the limit, a request line over the limit), so that such a refused write leaves an audit record like every other
 * refusal. The security module implements it; a service without it simply refuses.
 */
public interface EarlyRefusalListener {
    /**
     * Called on the event loop for the request {@code request}, refused with {@code problem}. The answer is sent when
     * the returned future completes (failed or not): a refusal is answered even when it could not be recorded.
     */
    Future<Void> refused(RoutingContext request, Problem problem);
}
