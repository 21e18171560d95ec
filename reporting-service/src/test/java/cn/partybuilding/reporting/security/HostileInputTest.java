package cn.partybuilding.reporting.security;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.security.SecurityCounty.JAN;
import static cn.partybuilding.reporting.security.SecurityCounty.MAR;
import static cn.partybuilding.reporting.security.SecurityCounty.OTHER;
import static cn.partybuilding.reporting.security.SecurityCounty.OWN;
import static cn.partybuilding.reporting.security.SecurityCounty.YEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests: bad tokens, wrong roles, another unit's ids, oversized and deeply nested bodies, control characters,
 * injection strings, {@code 1e400}, {@code -0}, huge arrays. Each is answered with problem+json 4xx; the tables a request
 * can write (outbox included) are unchanged and a refused write adds exactly its own audit record. March is locked and
 * unpublished, so a publication request that got past validation would publish it. Requests go through a plain HTTP
 * client: RestAssured logs and pretty-prints every request body, which takes minutes for the large ones.
 */
@QuarkusTest
class HostileInputTest {
    static final String PUBLISH_MARCH = "/rankings/" + MAR + "/publish";
    static final String DEBRIEF = "/years/" + YEAR + "/debriefs/" + OWN;
    static final String WHAT_IF = "/rankings/" + JAN + "/what-if";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventConsumers consumers;
    @Inject
    FactBatchHandler applier;
    @Inject
    FactsVersion factsVersion;

    @BeforeEach
    void county() throws Exception {
        SecurityCounty.ensure(dataSource, consumers, applier, factsVersion);
    }

    @Test
    void badTokensAre401AndWriteNothing() throws Exception {
        List<String> tokens = List.of(
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").expired().sign(),
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").signedByAnotherKey().sign(),
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").audience("assessment-service").sign(),
                "not-a-jwt");
        for (String token : tokens) {
            refused(401, send("GET", "/rankings/" + JAN + "/published", token, null), "read with " + token);
            // recorded as a refusal by nobody: a token that was not accepted names no one
            Map<String, Object> record = refusedWrite(401, () -> send("PUT", DEBRIEF, token, "{\"score\":50}")).record();
            assertEquals("anonymous", record.get("subject"), record.toString());
            refusedWrite(401, () -> send("POST", PUBLISH_MARCH, token, null));
        }
    }

    @Test
    void aWrongRoleIs403AndWritesNothing() throws Exception {
        refusedWrite(403, () -> send("POST", PUBLISH_MARCH, TestTokens.assessor(), null));
        refusedWrite(403, () -> send("PUT", DEBRIEF, TestTokens.auditor(), "{\"score\":50}"));
        refusedWrite(403, () -> send("POST", "/admin/replay", TestTokens.secretary(OWN), null));
        refusedWrite(403, () -> send("POST", "/warnings/" + JAN + "/run", TestTokens.learningPlatform(), null));
    }

    /**
     * Another unit's id in the path is a missing unit (404). No operation of this service takes a unit in its body or
     * query, and the one write naming a unit (debrief scores) is the committee's: a secretary is 403 before any id is read.
     */
    @Test
    void anotherUnitsIdsAreRefused() throws Exception {
        String secretary = TestTokens.secretary(OWN);
        refused(404, send("GET", "/units/" + OTHER + "/scorecard/" + JAN, secretary, null), "path");
        refused(404, send("GET", "/units/" + OTHER + "/trend?from=" + JAN + "&to=" + JAN, secretary, null), "path");
        refused(404, send("GET", "/units/" + OTHER + "/trend?unitCode=" + OTHER, secretary, null), "query");
        refusedWrite(403, () -> send("PUT", "/years/" + YEAR + "/debriefs/" + OTHER, secretary,
                "{\"score\":99,\"unitCode\":\"" + OTHER + "\"}"));
    }

    @Test
    void oversizedAndDeeplyNestedBodiesAreRefused() throws Exception {
        String admin = TestTokens.admin();
        // 2 MB: over the service's 1 MB limit
        String huge = "{\"reason\":\"" + "长".repeat(700_000) + "\"}";
        // refused before the body is read (the platform's RequestLimitFilter), and recorded with the caller from the token
        Map<String, Object> record = refusedWrite(413, () -> send("POST", PUBLISH_MARCH, admin, huge)).record();
        assertEquals("test-admin", record.get("subject"), record.toString());
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String nested = "{\"reason\":" + deep + "}";
        refusedWrite(400, () -> send("POST", PUBLISH_MARCH, admin, nested));
        refusedWrite(400, () -> send("PUT", DEBRIEF, admin, "{\"score\":" + deep + "}"));
        refusedWrite(400, () -> send("POST", WHAT_IF, admin, "{\"weights\":" + deep + "}"));
    }

    @Test
    void controlCharactersAndInjectionStringsAreRefused() throws Exception {
        String admin = TestTokens.admin();
        for (String reason : List.of("更正\\u0000通报", "更正\\u0007通报", "更正\\u001b[31m通报", "x".repeat(501))) {
            refusedWrite(400, () -> send("POST", PUBLISH_MARCH, admin, "{\"reason\":\"" + reason + "\"}"));
        }
        for (String injection : List.of("'; drop table published_ranking; --", "<script>alert(1)</script>")) {
            refusedWrite(400, () -> send("POST", WHAT_IF, admin, "{\"weights\":{\"" + injection + "\":100}}"));
            refusedWrite(404, () -> send("PUT", "/years/" + YEAR + "/debriefs/" + encode(injection), admin, "{\"score\":50}"));
            refused(400, send("GET", "/rankings/" + encode(injection), admin, null), injection);
            refused(404, send("GET", "/units/" + encode(injection) + "/scorecard/" + JAN, admin, null), injection);
        }
        // the tables are all there
        assertTrue(SecurityCounty.count(dataSource, "select count(*) from published_ranking") > 0);
    }

    @Test
    void hostileNumbersAreRefused() throws Exception {
        String admin = TestTokens.admin();
        for (String score : List.of("1e400", "-1e400", "-0", "-0.0", "-0e0", "100.0001", "\"80\"", "true", "{}", "[50]")) {
            refusedWrite(400, () -> send("PUT", DEBRIEF, admin, "{\"score\":" + score + "}"));
        }
        for (String weight : List.of("1e400", "-0")) {
            refusedWrite(400, () -> send("POST", WHAT_IF, admin, "{\"weights\":{\"POLITICAL\":" + weight + ",\"IDEOLOGICAL\":100}}"));
        }
        refusedWrite(400, () -> send("POST", "/years/99999/publish", admin, null));
        refusedWrite(404, () -> send("POST", "/years/1e400/publish", admin, null));
    }

    @Test
    void twentyThousandElementsWhereTwentyAreExpectedAreRefused() throws Exception {
        String admin = TestTokens.admin();
        StringBuilder weights = new StringBuilder("{\"weights\":{");
        for (int i = 0; i < 20_000; i++) {
            weights.append(i == 0 ? "" : ",").append("\"D").append(i).append("\":1");
        }
        String manyWeights = weights.append("}}").toString();
        Refusal many = refusedWrite(400, () -> send("POST", WHAT_IF, admin, manyWeights));
        assertTrue(many.body().length() < 2_000, "a short answer, not one violation per element: " + many.body().length());
        StringBuilder elements = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            elements.append(i == 0 ? "" : ",").append(i);
        }
        String array = elements.append("]").toString();
        refusedWrite(400, () -> send("PUT", DEBRIEF, admin, "{\"score\":" + array + "}"));
        refusedWrite(400, () -> send("POST", PUBLISH_MARCH, admin, "{\"reason\":" + array + "}"));
    }

    record Answer(int status, String contentType, String body) {
    }

    /** A refused write's answer and the one audit record it added. */
    record Refusal(Answer answer, Map<String, Object> record) {
        int status() {
            return answer.status();
        }

        String body() {
            return answer.body();
        }
    }

    private Answer send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void refused(int status, Answer response, String what) {
        assertEquals(status, response.status(), what + ": " + response.body());
        assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"), what + ": " + response.contentType());
    }

    /** The write is refused with {@code status} as problem+json, writes nothing and leaves exactly its refusal's record. */
    private Refusal refusedWrite(int status, java.util.function.Supplier<Answer> call) throws Exception {
        Map<String, Long> rows = SecurityCounty.rows(dataSource);
        long lastAudit = SecurityCounty.lastAuditId(dataSource);
        Answer response = call.get();
        refused(status, response, "write");
        assertEquals(rows, SecurityCounty.rows(dataSource), "nothing written");
        List<Map<String, Object>> records = SecurityCounty.auditSince(dataSource, lastAudit);
        assertEquals(1, records.size(), "the refusal is recorded, once: " + records);
        Map<String, Object> record = records.get(0);
        assertEquals(status == 401 || status == 403 ? "DENIED" : "REFUSED", record.get("outcome"), record.toString());
        assertEquals(status, record.get("status"));
        return new Refusal(response, record);
    }
}
