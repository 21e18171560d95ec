package cn.partybuilding.eventing.web;

import cn.partybuilding.eventing.EventingConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where failures become {@code application/problem+json}, for every service: refusals
 * ({@link ProblemException}), unreadable bodies, bean validation, JAX-RS errors (404, 405, 413, 415), a dependency that is
 * away (503 with Retry-After: the transaction rolled back, nothing is half-written, the client may simply retry), and
 * anything unexpected (500, the cause in the log only).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    EventingConfig config;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    /** Malformed JSON, a wrong type, an unknown enum constant: names the JSON path when there is one. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "body";
        String reason = e instanceof JsonMappingException && !field.equals("body")
                ? "类型或取值无效: " + firstLine(e.getOriginalMessage())
                : "JSON 格式错误: " + firstLine(e.getOriginalMessage());
        return respond(Problem.of(400, "Malformed request body", "请求体无法解析：" + reason, List.of(new Violation(field, reason))));
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
        return respond(Problem.of(400, "Invalid request", "请求数据不符合要求", violations));
    }

    /** 404 for unknown paths, 405, 413 (body over quarkus.http.limits.max-body-size), 415 … */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String field = status == 413 ? "body" : status == 415 ? "Content-Type" : "path";
        String reason = status == 413 ? "请求体超过上限" : e.getMessage();
        return respond(Problem.of(status, title, reason, List.of(new Violation(field, reason))));
    }

    /** A dependency away (503 with Retry-After) or a defect (500); never Quarkus' text/plain error page. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException web) {
            return web(web);
        }
        String away = Outages.dependencyAway(e);
        if (away != null) {
            LOG.warnf("answered 503, %s unavailable: %s", away, firstLine(e.getMessage()));
            String detail = "database".equals(away) ? "数据库暂时不可用，请稍后重试" : "消息服务暂时不可用，请稍后重试";
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Math.max(1, config.retryAfter().toSeconds()))
                    .entity(Problem.of(503, "Service Unavailable", detail, List.of(new Violation(away, "unavailable")))).build();
        }
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "Internal Server Error", "服务器内部错误，请稍后重试或联系运维", List.of()));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(JsonMappingException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return "body";
        }
        return e.getPath().stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** {@code create.arg0.members[0].name} → {@code members[0].name}: the path inside the argument, without method and argument. */
    private static String lastNode(String path) {
        int first = path.indexOf('.');
        if (first < 0) {
            return path;
        }
        int second = path.indexOf('.', first + 1);
        return second < 0 ? path.substring(first + 1) : path.substring(second + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Which dependency a failure says is away, if any. */
    static final class Outages {
        private Outages() {
        }

        /**
         * "database", "kafka" or null (not an outage). Looks through causes and suppressed exceptions: a commit on a
         * dropped connection surfaces as a RollbackException whose connection error is only a suppressed XAException's cause.
         */
        static String dependencyAway(Throwable e) {
            return search(e, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        }

        private static String search(Throwable t, java.util.Set<Throwable> seen) {
            if (t == null || !seen.add(t)) {
                return null;
            }
            if (t instanceof SQLException sql && databaseAway(sql)) {
                return "database";
            }
            if (t instanceof ConnectException || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return "database";
            }
            if (t instanceof org.apache.kafka.common.errors.RetriableException) {
                return "kafka";
            }
            String found = search(t.getCause(), seen);
            for (Throwable suppressed : t.getSuppressed()) {
                if (found == null) {
                    found = search(suppressed, seen);
                }
            }
            return found;
        }

        /** 08: connection exception; 57P: the server is shutting down or starting; Agroal's pool timing out on a dead server. */
        private static boolean databaseAway(SQLException sql) {
            for (SQLException s = sql; s != null; s = s.getNextException()) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                String message = s.getMessage();
                if (message != null && message.toLowerCase().contains("acquisition timeout")) {
                    return true;
                }
            }
            return false;
        }
    }
}
