package cn.partybuilding.reporting.security;

import cn.partybuilding.local.OpenApiWalk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the OpenAPI document, called without a token, answers 401 problem+json: an operation added later
 * without a role cannot stay open. Health and metrics are on the management port and answer there without a token.
 */
@QuarkusTest
class OpenApiWalkTest {
    /** the operations of this service today (20 of its own before issue 16.5 added five, GET /audit of the platform's) */
    static final int KNOWN_OPERATIONS = 25;

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource(value = "/health/live", management = true)
    URL health;

    @TestHTTPResource(value = "/metrics", management = true) // relative to the management root, /q
    URL metrics;

    @Test
    void everyOperationRefusesACallWithoutTokenAs401Problem() {
        List<OpenApiWalk.Answer> answers = OpenApiWalk.withoutToken(base.toString());
        assertTrue(answers.size() >= KNOWN_OPERATIONS, "operations walked: " + answers);
        List<OpenApiWalk.Answer> open = answers.stream().filter(a -> !a.refusedAsUnauthenticated()).toList();
        assertEquals(List.of(), open, "answered other than 401 problem+json without a token");
    }

    @Test
    void healthAndMetricsNeedNoTokenOnTheManagementPort() {
        given().get(health).then().statusCode(200);
        given().get(metrics).then().statusCode(200);
        // and they are not on the application port
        given().get("/q/metrics").then().statusCode(404);
    }
}
