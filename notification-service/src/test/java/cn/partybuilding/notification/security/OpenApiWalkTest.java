package cn.partybuilding.notification.security;

import cn.partybuilding.local.OpenApiWalk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation the OpenAPI document lists answers 401 problem+json without a token, so an endpoint added later
 * without a role cannot stay open; health and metrics answer without one, on the management port only.
 */
@QuarkusTest
class OpenApiWalkTest {
    @TestHTTPResource("/")
    URL base;
    @TestHTTPResource(value = "/health/live", management = true) // relative to the management root, /q
    URL health;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void everyDocumentedOperationRefusesACallerWithoutAToken() {
        List<OpenApiWalk.Answer> answers = OpenApiWalk.withoutToken(base.toString());
        assertEquals(List.of(), answers.stream().filter(a -> !a.refusedAsUnauthenticated()).toList());
        Set<String> operations = answers.stream().map(a -> a.method() + " " + a.path()).collect(Collectors.toSet());
        // the operations this service is known to have: an empty or shrunken walk fails here
        assertTrue(operations.containsAll(Set.of("GET /inbox/{recipientId}", "GET /notices", "GET /notices/{id}",
                "POST /notices/{id}/acknowledge", "POST /notices/{id}/deliveries/{channel}/resend", "GET /audit")), operations.toString());
        assertTrue(answers.size() >= 6, operations.toString());
    }

    @Test
    void healthAndMetricsNeedNoTokenOnTheManagementPortAndAreNotOnTheApplicationPort() {
        given().get(health).then().statusCode(200);
        given().get(metrics).then().statusCode(200);
        int onApplicationPort = given().get("/q/health/ready").statusCode();
        assertTrue(onApplicationPort == 404 || onApplicationPort == 401, "application port /q/health answered " + onApplicationPort);
        int metricsOnApplicationPort = given().get("/q/metrics").statusCode();
        assertTrue(metricsOnApplicationPort == 404 || metricsOnApplicationPort == 401, "application port /q/metrics answered " + metricsOnApplicationPort);
    }
}
