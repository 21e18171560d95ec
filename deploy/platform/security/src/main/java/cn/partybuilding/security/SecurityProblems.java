package cn.partybuilding.security;

import cn.partybuilding.eventing.web.Problem;
import cn.partybuilding.eventing.web.ProblemMappers;
import cn.partybuilding.eventing.web.Violation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * 401 and 403 as problem+json like every other refusal. A missing, expired, foreign-signed or wrongly addressed token
 * is one answer (401, with the bearer challenge) so that a caller learns nothing about why a token was not accepted;
 * the reason is in the service log. Needs {@code quarkus.http.auth.proactive=false}, so that authentication happens
 * inside the REST layer where these mappers apply.
 */
public class SecurityProblems {
    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        String reason = "当前角色无权执行此操作";
        return ProblemMappers.respond(Problem.of(403, "Forbidden", reason, List.of(new Violation("role", reason))));
    }

    private static Response unauthorized() {
        String reason = "未登录或登录已失效，请重新登录";
        Problem problem = Problem.of(401, "Unauthorized", reason, List.of(new Violation("Authorization", reason)));
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(problem).build();
    }
}
