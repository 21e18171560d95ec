package cn.partybuilding.notification.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Maps every REST error to application/problem+json with title, status, detail and {field, reason} violations. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return respond(Problem.of(e.status(), e.title(), e.getMessage(), e.violations()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::field))
                .toList();
        return respond(Problem.of(400, "Invalid request", "请求内容不符合要求：" + violations.stream()
                .map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("；")), violations));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return respond(Problem.of(400, "Malformed JSON", "请求体不是有效的 JSON：" + e.getOriginalMessage(),
                List.of(new Violation(field, "malformed JSON"))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformed(json);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "Internal error", "服务内部错误，请稍后重试", List.of()));
    }

    private static String field(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
