package cn.partybuilding.reporting.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves {@code GET /workbench/config.json}: what the workbench needs before anyone has signed in (where to sign in, where
 * the other two services are). A plain Vert.x route rather than a JAX-RS operation on purpose: every JAX-RS operation
 * needs a token and appears in the OpenAPI document, while this, like the page's static files, is read before sign-in
 * and is no part of the API. It holds only public addresses and the public client's id, never a secret.
 */
@ApplicationScoped
public class WorkbenchConfigRoute {
    static final String PATH = "/workbench/config.json";

    @Inject
    WorkbenchConfig config;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        String body = json();
        router.route(HttpMethod.GET, PATH).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                // a changed address must reach the next page load, not a cached copy
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(body));
    }

    private String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identityUrl", trimSlash(config.identityUrl()));
        body.put("clientId", config.clientId());
        body.put("assessmentUrl", trimSlash(config.assessmentUrl()));
        body.put("notificationUrl", trimSlash(config.notificationUrl()));
        try {
            return mapper.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
