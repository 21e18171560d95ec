package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static cn.partybuilding.assessment.security.SecureCounty.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile requests: bad tokens, wrong roles, another unit's ids, oversized and deeply nested bodies, control characters,
 * injection strings, absurd numbers, huge arrays. Each is answered with a problem+json 4xx; no table changes (the
 * outbox included) and the only audit record added is the refusal's.
 */
@QuarkusTest
class HostileInputTest {
    private static SecureCounty county;
    private String admin;

    @BeforeEach
    void county() {
        if (county == null) {
            county = SecureCounty.build(2007);
        }
        admin = TestTokens.admin();
    }

    /** Sends the request and checks: the status, problem+json, nothing written, exactly one audit record and it is not ACCEPTED. */
    private static Response refused(int status, Supplier<Response> request) {
        return refused(status, 1, request);
    }

    private static Response refused(int status, int auditRecords, Supplier<Response> request) {
        String before = Db.snapshot();
        long accepted = SecureCounty.audits("ACCEPTED");
        long all = Db.count("select count(*) from audit_record");
        Response response = request.get();
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(all + auditRecords, Db.count("select count(*) from audit_record"), "audit records: the refusal's only"));
        assertEquals(accepted, SecureCounty.audits("ACCEPTED"));
        assertEquals(before, Db.snapshot(), "a refused request wrote something");
        return response;
    }

    private static Map<String, Object> unit(String code, String name) {
        Map<String, Object> unit = new HashMap<>();
        unit.put("unitCode", code);
        unit.put("name", name);
        unit.put("category", "党政机关");
        return unit;
    }

    @Test
    void tokensThatAreExpiredForeignOrForAnotherServiceAre401() {
        Map<String, Object> body = unit(Fixtures.code("U"), "县统计局");
        for (String token : List.of(
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").expired().sign(),
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").signedByAnotherKey().sign(),
                TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").audience("reporting-service").sign(),
                "not-a-jwt")) {
            refused(401, () -> call(token, "POST", "/units", body));
            assertEquals(401, call(token, "GET", "/units", null).statusCode());
        }
        // the same body with a good token is accepted: the refusals above were about the tokens
        call(admin, "POST", "/units", body).then().statusCode(201);
    }

    @Test
    void aRoleThatMayNotWriteIs403() {
        refused(403, () -> call(TestTokens.auditor(), "POST", "/periods/2007-06/lock", null));
        refused(403, () -> call(TestTokens.learningPlatform(), "POST", "/study/completions", Map.of("memberId", county.membersA.get(0),
                "activityType", "WEEKLY_STUDY", "date", "2007-04-02")));
        refused(403, () -> call(TestTokens.secretary(county.unitA), "POST", "/assessments", Map.of("unitCode", county.unitA,
                "indicatorCode", "P1", "period", "2007-03", "score", 60)));
    }

    @Test
    void anotherUnitsIdsInPathBodyAndQuery() {
        String secretary = TestTokens.secretary(county.unitA);
        refused(404, () -> call(secretary, "POST", "/rectification-items/" + county.itemB + "/close", Map.of("evidence", "代销号")));
        refused(400, () -> call(secretary, "POST", "/study/completions", Map.of("memberId", county.membersB.get(0),
                "activityType", "WEEKLY_STUDY", "date", "2007-04-02")));
        assertEquals(List.of(), call(secretary, "GET", "/assessments?unitCode=" + county.unitB, null).then().statusCode(200)
                .extract().jsonPath().getList("$"));
    }

    @Test
    void oversizedBodiesAre413() {
        StringBuilder big = new StringBuilder("{\"period\":\"2007-04\",\"completions\":[");
        String row = "{\"memberId\":\"" + county.membersA.get(0) + "\",\"activityType\":\"WEEKLY_STUDY\",\"date\":\"2007-04-03\"},";
        while (big.length() < 5 * 1024 * 1024) {
            big.append(row);
        }
        big.setLength(big.length() - 1);
        big.append("]}");
        // the platform's body limit (deploy/platform/eventing RequestLimitFilter) answers before the REST layer reads the
        // body; the refused write is recorded all the same, with the caller from the token
        long last = Db.count("select coalesce(max(id), 0) from audit_record");
        refused(413, 1, () -> call(admin, "POST", "/study/completions/batch", big.toString()));
        String csv = "memberId,unitCode,name,rank,role\n" + ("M-X," + county.unitA + ",张三,SECTION_OR_BELOW,MEMBER\n").repeat(120_000);
        refused(413, 1, () -> call(admin, "POST", "/members/import", csv, "text/csv; charset=UTF-8"));
        assertEquals(2, Db.count("select count(*) from audit_record where id > ? and outcome = 'REFUSED' and status = 413"
                + " and actor_subject = 'test-admin' and actor_roles = 'COMMITTEE_ADMIN' and action in"
                + " ('POST /study/completions/batch', 'POST /members/import') and detail like '请求体%'", last));
    }

    @Test
    void aRequestLineOver4KbIs414ProblemJsonAndARefusedWriteIsRecorded() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        String longQuery = "?name=" + "9".repeat(10 * 1024);
        // a read: answered, nothing recorded (reads leave no record)
        long all = Db.count("select count(*) from audit_record");
        java.net.http.HttpResponse<String> read = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/units" + longQuery))
                .header("Authorization", "Bearer " + admin).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(414, read.statusCode(), read.body());
        assertTrue(read.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), read.headers().map().toString());
        io.restassured.path.json.JsonPath problem = new io.restassured.path.json.JsonPath(read.body());
        assertEquals(414, problem.getInt("status"));
        assertTrue(problem.getString("detail").startsWith("请求行"), read.body());
        assertEquals("uri", problem.getString("violations[0].field"));
        assertEquals(all, Db.count("select count(*) from audit_record"));
        // a write: refused the same way, nothing written, its refusal recorded
        long last = Db.count("select coalesce(max(id), 0) from audit_record");
        Response write = refused(414, 1, () -> call(admin, "POST", "/units" + longQuery, unit(Fixtures.code("U"), "县统计局")));
        assertEquals("uri", write.jsonPath().getString("violations[0].field"));
        assertEquals(1, Db.count("select count(*) from audit_record where id > ? and outcome = 'REFUSED' and status = 414"
                + " and actor_subject = 'test-admin' and action = 'POST /units'", last));
        // a line under the limit still reaches the service
        call(admin, "GET", "/units?name=" + "9".repeat(1_000), null).then().statusCode(200);
    }

    @Test
    void theAuditTrailsPagingIsCheckedNamingTheParameter() {
        for (String query : List.of("page=1e400", "page=-1", "size=0", "size=100000", "from=yesterday", "to=2007-13-01")) {
            String field = query.substring(0, query.indexOf('='));
            Response response = call(admin, "GET", "/audit?" + query, null);
            assertEquals(400, response.statusCode(), query + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
            assertEquals(field, response.jsonPath().getString("violations[0].field"), response.asString());
        }
        call(admin, "GET", "/audit?page=0&size=1", null).then().statusCode(200);
    }

    @Test
    void jsonNestedTenThousandDeepIs400() {
        String deep = "{\"unitCode\":\"U-DEEP\",\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        refused(400, () -> call(admin, "POST", "/units", deep));
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        refused(400, () -> call(admin, "PUT", "/indicator-systems/2007", deepObject));
    }

    @Test
    void controlCharactersInTextFieldsAreRefusedNamingTheField() {
        for (String bad : List.of("县\u0000统计局", "县统计局\u001b[31m", "\u0007响铃")) {
            Response response = refused(400, () -> call(admin, "POST", "/units", unit(Fixtures.code("U"), bad)));
            assertEquals("name", response.jsonPath().getString("violations[0].field"), response.asString());
        }
        refused(400, () -> call(admin, "POST", "/findings", Map.of("unitCode", county.unitA, "period", "2007-02", "deductionPoints", 1,
                "source", "督查", "description", "记录\u0000不全")));
        refused(400, () -> call(admin, "POST", "/periods/2007-02/reopen", Map.of("reason", "理由\u0000")));
        // the roster is CSV, not JSON: its own rules refuse the same
        Response csv = refused(400, () -> call(admin, "POST", "/members/import", "memberId,unitCode,name,rank,role\n" + Fixtures.code("M") + ","
                + county.unitA + ",张\u0000三,SECTION_OR_BELOW,MEMBER\n", "text/csv; charset=UTF-8"));
        assertEquals("name", csv.jsonPath().getString("violations[0].field"), csv.asString());
        // line breaks and tabs are text
        call(admin, "POST", "/findings", Map.of("unitCode", county.unitA, "period", "2007-02", "deductionPoints", 1,
                "source", "督查", "description", "第一条\n第二条\t附件")).then().statusCode(201);
    }

    @Test
    void injectionStringsAreData() {
        long units = Db.count("select count(*) from unit");
        refused(400, () -> call(admin, "POST", "/units", unit("'; drop table unit; --", "县统计局")));
        refused(400, () -> call(admin, "POST", "/assessments", Map.of("unitCode", "<script>alert(1)</script>", "indicatorCode", "P1",
                "period", "2007-03", "score", 10)));
        refused(404, () -> call(admin, "PUT", "/units/x' or '1'='1", unit(null, "县统计局")));
        refused(400, () -> call(admin, "POST", "/study/completions", Map.of("memberId", "' or 1=1; --", "activityType", "WEEKLY_STUDY",
                "date", "2007-04-02")));
        assertEquals(List.of(), call(admin, "GET", "/members?unitCode=' or '1'='1", null).then().statusCode(200).extract().jsonPath().getList("$"));
        assertEquals(List.of(), call(admin, "GET", "/study/completions?period=2007-04&unitCode=x'); drop table member; --", null)
                .then().statusCode(200).extract().jsonPath().getList("$"));
        assertEquals(units, Db.count("select count(*) from unit"));
        // a name is text: markup is stored and returned as it was given, never interpreted
        String code = Fixtures.code("U");
        call(admin, "POST", "/units", unit(code, "<script>alert(1)</script>")).then().statusCode(201);
        assertEquals("<script>alert(1)</script>", call(admin, "GET", "/units/" + code, null).jsonPath().getString("name"));
    }

    @Test
    void absurdNumbersAre400() {
        Response score = refused(400, () -> call(admin, "POST", "/assessments", "{\"unitCode\":\"" + county.unitA
                + "\",\"indicatorCode\":\"D1\",\"period\":\"2007-03\",\"score\":1e400}"));
        assertEquals("score", score.jsonPath().getString("violations[0].field"), score.asString());
        refused(400, () -> call(admin, "POST", "/bonuses", "{\"unitCode\":\"" + county.unitA
                + "\",\"period\":\"2007-03\",\"points\":-0,\"reason\":\"先进\"}"));
        refused(400, () -> call(admin, "POST", "/findings", "{\"unitCode\":\"" + county.unitA
                + "\",\"period\":\"2007-02\",\"deductionPoints\":-0,\"source\":\"督查\",\"description\":\"x\"}"));
        refused(400, () -> call(admin, "POST", "/study/completions", "{\"memberId\":\"" + county.membersA.get(0)
                + "\",\"activityType\":\"WEEKLY_STUDY\",\"date\":\"2007-04-02\",\"minutes\":1e400}"));
        refused(400, () -> call(admin, "POST", "/study/platform-points", "{\"memberId\":\"" + county.membersA.get(0)
                + "\",\"date\":\"2007-04-02\",\"points\":-1e400}"));
        refused(400, () -> call(admin, "PUT", "/indicator-systems/2007", "{\"bonusCap\":1e400,\"dimensions\":[]}"));
    }

    @Test
    void twentyThousandElementArraysWhereTwentyAreExpectedAre400() {
        Map<String, Object> system = new HashMap<>(Fixtures.system(60, 40));
        // small elements, so that the body stays under the size limit and it is the count that is refused
        List<Object> dimensions = new ArrayList<>(Collections.nCopies(20_000, Map.of("code", "X", "weight", 1)));
        system.put("dimensions", dimensions);
        Response response = refused(400, () -> call(admin, "PUT", "/indicator-systems/2007", system));
        assertEquals("dimensions", response.jsonPath().getString("violations[0].field"));
        assertEquals(1, response.jsonPath().getList("violations").size(), "one violation, not one per element");

        Map<String, Object> plan = new HashMap<>(Fixtures.system(60, 40));
        plan.put("studyPlan", Collections.nCopies(20_000, Map.of("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS")));
        refused(400, () -> call(admin, "PUT", "/indicator-systems/2007", plan));

        List<Map<String, Object>> rows = Collections.nCopies(20_001, Map.of("memberId", county.membersA.get(0), "activityType", "WEEKLY_STUDY",
                "date", "2007-04-02"));
        refused(400, () -> call(admin, "POST", "/study/completions/batch", Map.of("period", "2007-04", "completions", rows)));
    }
}
