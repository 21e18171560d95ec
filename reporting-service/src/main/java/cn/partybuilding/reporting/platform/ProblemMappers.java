package cn.partybuilding.reporting.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every REST error as application/problem+json with title, status, detail and violations [{field, reason}]. */
public class ProblemMappers {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ProblemMappers.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return response(p.status(), p.title(), p.getMessage(), p.violations());
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return response(400, "Bad Request", "请求体不是有效的 JSON", List.of(new Problem.Violation("body", firstLine(e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
        return response(400, "Bad Request", "请求参数不符合要求", violations);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return invalidJson(json);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return response(status, title, e.getMessage(), List.of());
    }

    /** Anything unexpected (database unreachable, a bug): 500 as problem+json, the cause in the log only. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return web(web);
        }
        LOG.error("unexpected error", e);
        return response(500, "Internal Server Error", "服务器内部错误，请稍后重试或联系运维", List.of());
    }

    public static Response response(int status, String title, String detail, List<Problem.Violation> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("violations", violations);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
