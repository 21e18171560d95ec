package cn.partybuilding.eventing.web;

import cn.partybuilding.contracts.CloudEventCodec;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Answers a request whose declared Content-Length exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem+json, before Quarkus's own limit would close the connection with a bare status. The body is read and
 * dropped (never buffered) so the client gets to read the answer. Chunked bodies without a length are still cut by
 * Quarkus itself.
 */
@ApplicationScoped
public class BodyLimitFilter {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-100).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared <= limit) {
                ctx.next();
                return;
            }
            String reason = "请求体 " + declared + " 字节，超过上限 " + limit + " 字节；请分批提交";
            Problem problem = Problem.of(413, "Content Too Large", reason, List.of(new Violation("body", reason)));
            ctx.request().handler(chunk -> { });
            ctx.request().endHandler(done -> ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(CloudEventCodec.MAPPER.valueToTree(problem).toString()));
        });
    }
}
