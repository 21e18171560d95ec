package cn.partybuilding.security;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit trail's side of every request: names the operation and the request id before the resource runs, and after
 * it records every refused write (401, 403, 4xx, 5xx) in a transaction of its own. An accepted write records itself
 * inside its transaction through {@link AuditTrail#accepted}; one that did not is logged as a defect (the services'
 * role-matrix tests check every write leaves its record).
 */
public class AuditFilters {
    private static final Logger LOG = Logger.getLogger(AuditFilters.class);
    static final String REQUEST_ID = "X-Request-Id";
    static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    AuditContext context;
    @Inject
    AuditTrail trail;

    @ServerRequestFilter
    public void name(ContainerRequestContext request, ResourceInfo resource) {
        String given = request.getHeaderString(REQUEST_ID);
        if (given != null && SAFE_ID.matcher(given).matches()) {
            context.requestId(given);
        }
        context.action(action(request.getMethod(), resource, request.getUriInfo().getPath()));
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        response.getHeaders().putSingle(REQUEST_ID, context.requestId());
        if (!WRITES.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        if (status < 400) {
            if (!context.recorded()) {
                LOG.errorf("accepted write without an audit record: %s %s", request.getMethod(), request.getUriInfo().getPath());
            }
            return Uni.createFrom().voidItem();
        }
        if (context.recorded()) {
            return Uni.createFrom().voidItem();
        }
        String action = context.action() != null ? context.action() : action(request.getMethod(), resource, request.getUriInfo().getPath());
        String path = request.getUriInfo().getPath();
        String targetType = targetType(path);
        List<String> ids = request.getUriInfo().getPathParameters().values().stream().flatMap(List::stream).toList();
        String targetId = ids.isEmpty() ? null : String.join("/", ids);
        String detail = detail(response.getEntity());
        Runnable write = () -> {
            try {
                trail.refused(action, targetType, targetId, status, detail);
            } catch (RuntimeException e) {
                // the database being away is the usual reason for a 503: the refusal is then only in the log
                LOG.warnf("refusal not recorded in the audit trail (%s %s %d): %s", request.getMethod(), path, status, e.getMessage());
            }
        };
        if (!Context.isOnEventLoopThread()) {
            write.run();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            write.run();
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The resource methods' path templates, resolved once per (resource class, method) on first use instead of by
     * reflection on every request. Keyed by class through a {@link ClassValue}, so a class loader thrown away (dev-mode
     * reload) takes its entries with it.
     */
    private static final ClassValue<Map<Method, String>> TEMPLATES = new ClassValue<>() {
        @Override
        protected Map<Method, String> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** "POST /periods/{period}/lock": the operation as its template, so records of one operation group together. */
    static String action(String method, ResourceInfo resource, String path) {
        Method target = resource == null ? null : resource.getResourceMethod();
        if (target == null) {
            return method + " " + path;
        }
        return method + " " + template(resource.getResourceClass(), target);
    }

    /** "/periods/{period}/lock": the class's and the method's {@link Path}, resolved once and then read from the cache. */
    static String template(Class<?> resourceClass, Method target) {
        return TEMPLATES.get(resourceClass).computeIfAbsent(target, m -> {
            Path onClass = resourceClass.getAnnotation(Path.class);
            Path onMethod = m.getAnnotation(Path.class);
            return "/" + Stream.of(onClass == null ? "" : onClass.value(), onMethod == null ? "" : onMethod.value())
                    .map(part -> part.replaceAll("^/+|/+$", "")).filter(part -> !part.isEmpty()).collect(Collectors.joining("/"));
        });
    }

    /** The first segment of the path ("periods", "rankings", "notices"): what kind of thing was the target. */
    static String targetType(String path) {
        String trimmed = path.replaceAll("^/+", "");
        int slash = trimmed.indexOf('/');
        String first = slash < 0 ? trimmed : trimmed.substring(0, slash);
        return first.isEmpty() ? "/" : first;
    }

    private static String detail(Object entity) {
        if (entity instanceof cn.partybuilding.eventing.web.Problem problem) {
            return problem.detail();
        }
        return null;
    }
}
