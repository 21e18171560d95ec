package cn.partybuilding.eventing.web;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.eventing.EventingConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The request limits every service shares, answered as problem+json before the REST layer:
 * <ul>
 * <li>a request line (method, path and query) over {@code eventing.max-request-line} (4 KB): 414. Vert.x itself
 * accepts lines up to {@code quarkus.http.limits.max-initial-line-length}, which the platform raises to 64 KB
 * (META-INF/microprofile-config.properties) so that this filter sees them: Vert.x answers a longer line with a bare
 * 414 before any application code runs, and Quarkus offers no hook there;</li>
 * <li>a declared Content-Length over {@code quarkus.http.limits.max-body-size}: 413, before Quarkus's own limit would
 * close the connection with a bare status. Chunked bodies without a length are still cut by Quarkus itself.</li>
 * </ul>
 * A refused body is read and dropped (never buffered) so that the client gets to read the answer. Each refusal is
 * passed to the {@link EarlyRefusalListener} (the audit trail) before it is answered.
 */
@ApplicationScoped
public class RequestLimitFilter {
    private static final Logger LOG = Logger.getLogger(RequestLimitFilter.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @Inject
    EventingConfig config;
    @Inject
    Instance<EarlyRefusalListener> listeners;

    void install(@Observes Router router) {
        long bodyLimit = maxBodySize.asLongValue();
        long lineLimit = config.maxRequestLine().asLongValue();
        router.route().order(-100).handler(ctx -> {
            long line = requestLineLength(ctx.request().method().name(), ctx.request().uri());
            if (line > lineLimit) {
                String reason = "请求行 (方法、路径与查询参数) 长 " + line + " 字节，超过上限 " + lineLimit + " 字节；请缩短查询条件";
                refuse(ctx, Problem.of(414, "URI Too Long", reason, List.of(new Violation("uri", reason))));
                return;
            }
            long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared > bodyLimit) {
                String reason = "请求体 " + declared + " 字节，超过上限 " + bodyLimit + " 字节；请分批提交";
                refuse(ctx, Problem.of(413, "Content Too Large", reason, List.of(new Violation("body", reason))));
                return;
            }
            ctx.next();
        });
    }

    /** "GET /notices?period=… HTTP/1.1" as it came over the wire, in bytes (the URI is ASCII, percent-encoded). */
    static long requestLineLength(String method, String uri) {
        return method.length() + 1L + uri.length() + 1L + "HTTP/1.1".length();
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext ctx, Problem problem) {
        Future<Void> recorded = record(ctx, problem);
        Runnable answer = () -> recorded.onComplete(done -> ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(CloudEventCodec.MAPPER.valueToTree(problem).toString()));
        if (ctx.request().isEnded()) {
            answer.run();
            return;
        }
        ctx.request().handler(chunk -> { });
        ctx.request().endHandler(done -> answer.run());
        ctx.request().resume();
    }

    private Future<Void> record(RoutingContext ctx, Problem problem) {
        if (!listeners.isResolvable()) {
            return Future.succeededFuture();
        }
        try {
            return listeners.get().refused(ctx, problem);
        } catch (RuntimeException e) {
            LOG.warnf("refusal not passed on (%d %s): %s", problem.status(), ctx.request().path(), e.getMessage());
            return Future.succeededFuture();
        }
    }
}
