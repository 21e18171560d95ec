package cn.partybuilding.reporting.security;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static cn.partybuilding.reporting.security.SecurityCounty.APR;
import static cn.partybuilding.reporting.security.SecurityCounty.FEB;
import static cn.partybuilding.reporting.security.SecurityCounty.JAN;
import static cn.partybuilding.reporting.security.SecurityCounty.OWN;
import static cn.partybuilding.reporting.security.SecurityCounty.YEAR;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of reporting-service against every role, through real signed tokens: no token 401, a role the
 * matrix allows gets the operation's own answer (2xx or the domain's 4xx, never 401/403), a role it forbids 403.
 * After every write: the tables a request can write unchanged unless it was accepted, and exactly one audit record of
 * the right outcome (DENIED for 401/403, REFUSED for the domain's 4xx, ACCEPTED for a change).
 */
@QuarkusTest
class RoleMatrixTest {
    /** the answer of an allowed role whose outcome is the domain's, whatever it is (none today: each cell is exact) */
    static final int DOMAIN = -1;

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

    static final Map<String, Supplier<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("none", () -> null);
        ROLES.put("COMMITTEE_ADMIN", TestTokens::admin);
        ROLES.put("ASSESSOR", TestTokens::assessor);
        ROLES.put("AUDITOR", TestTokens::auditor);
        ROLES.put("UNIT_SECRETARY", () -> TestTokens.secretary(OWN));
        ROLES.put("MEMBER", () -> TestTokens.member("SX1-S", OWN));
        ROLES.put("LEARNING_PLATFORM", TestTokens::learningPlatform);
        // on the panel of the matrix's year (set by the committee's PUT /debrief-panel, listed before the review)
        ROLES.put("DEBRIEF_REVIEWER", () -> TestTokens.reviewer("reviewer-1"));
    }

    static final Set<String> COUNTY = Set.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR");
    static final Set<String> PUBLISHED_READERS = Set.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR", "UNIT_SECRETARY");
    static final Set<String> ADMIN = Set.of("COMMITTEE_ADMIN");

    /** An operation, the roles allowed and what an allowed role gets (a status, or DOMAIN). */
    record Op(String method, String path, String body, Set<String> allowed, int allowedStatus) {
        boolean write() {
            return !method.equals("GET");
        }
    }

    static final List<Op> OPS = List.of(
            new Op("GET", "/rankings/" + JAN, null, COUNTY, 200),
            new Op("GET", "/rankings/" + JAN + "/published", null, PUBLISHED_READERS, 200),
            new Op("GET", "/rankings/" + JAN + "/history", null, PUBLISHED_READERS, 200),
            new Op("GET", "/rankings/" + JAN + "/bulletin.csv", null, PUBLISHED_READERS, 200),
            new Op("GET", "/rankings/" + JAN + "/bulletin.xlsx", null, PUBLISHED_READERS, 200),
            new Op("GET", "/units/" + OWN + "/scorecard/" + JAN, null, PUBLISHED_READERS, 200),
            // the workbench's radar: county means only, so a secretary may read them beside its own card
            new Op("GET", "/rankings/" + JAN + "/dimension-means", null, PUBLISHED_READERS, 200),
            new Op("GET", "/units/" + OWN + "/trend?from=" + JAN + "&to=" + APR, null, PUBLISHED_READERS, 200),
            new Op("GET", "/quarters/" + YEAR + "-Q1", null, PUBLISHED_READERS, 404),
            new Op("GET", "/years/" + YEAR, null, PUBLISHED_READERS, 404),
            new Op("GET", "/years/" + YEAR + "/history", null, PUBLISHED_READERS, 200),
            // issue 16.2: the branch ranking (a secretary: its own unit's branches) and a unit card's branches
            new Op("GET", "/branches/" + YEAR + "-Q1", null, PUBLISHED_READERS, 200),
            new Op("GET", "/units/" + OWN + "/branches/" + YEAR + "-Q1", null, PUBLISHED_READERS, 200),
            new Op("GET", "/admin/replay", null, Set.of("COMMITTEE_ADMIN", "AUDITOR"), 200),
            new Op("GET", "/audit", null, Set.of("COMMITTEE_ADMIN", "AUDITOR"), 200),
            // the platform's event contract: any signed-in caller
            new Op("GET", "/asyncapi.yaml", null, Set.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR", "UNIT_SECRETARY", "MEMBER",
                    "LEARNING_PLATFORM", "DEBRIEF_REVIEWER"), 200),
            // issue 16.5: the 述职评议 (the panel first, so that the reviewer's score below is on it) and the 公开承诺
            new Op("PUT", "/years/" + YEAR + "/debrief-panel", "{\"reviewers\":[\"reviewer-1\",\"reviewer-2\"]}", ADMIN, 200),
            new Op("GET", "/years/" + YEAR + "/debriefs", null, Set.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR", "DEBRIEF_REVIEWER"), 200),
            new Op("PUT", "/years/" + YEAR + "/debrief-reviews/" + OWN, "{\"score\":77}", Set.of("DEBRIEF_REVIEWER"), 200),
            new Op("GET", "/years/" + YEAR + "/pledges/" + OWN, null, Set.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR", "UNIT_SECRETARY",
                    "DEBRIEF_REVIEWER"), 200),
            new Op("PUT", "/years/" + YEAR + "/pledges/" + OWN, "{\"pledges\":[{\"content\":\"全年开展主题党日12次\"}]}",
                    Set.of("COMMITTEE_ADMIN", "UNIT_SECRETARY"), 200),
            // February is not locked: the committee's publication is refused by the domain (409), nothing written
            new Op("POST", "/rankings/" + FEB + "/publish", "{\"reason\":\"月度通报\"}", ADMIN, 409),
            new Op("POST", "/quarters/" + YEAR + "-Q1/publish", null, ADMIN, 409),
            new Op("POST", "/years/" + YEAR + "/publish", null, ADMIN, 409),
            new Op("PUT", "/years/" + YEAR + "/debriefs/" + OWN, "{\"score\":88}", ADMIN, 200),
            new Op("POST", "/rankings/" + JAN + "/what-if", "{\"weights\":{\"POLITICAL\":50,\"IDEOLOGICAL\":50}}", ADMIN, 200),
            new Op("POST", "/warnings/" + JAN + "/run", null, ADMIN, 200),
            // the committee's start is AuditTrailTest's (a replay rebuilds the facts and must be awaited)
            new Op("POST", "/admin/replay", null, ADMIN, 202));

    @Test
    void everyOperationAnswersEachRoleAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Op op : OPS) {
            for (Map.Entry<String, Supplier<String>> role : ROLES.entrySet()) {
                boolean allowed = op.allowed().contains(role.getKey());
                if (op.path().equals("/admin/replay") && op.write() && allowed) { // AuditTrailTest's
                    continue;
                }
                int expected = role.getKey().equals("none") ? 401 : allowed ? op.allowedStatus() : 403;
                Map<String, Long> rowsBefore = SecurityCounty.rows(dataSource);
                long lastAudit = SecurityCounty.lastAuditId(dataSource);
                Response response = call(op, role.getValue().get());
                int status = response.statusCode();
                String cell = op.method() + " " + op.path() + " as " + role.getKey() + ": ";
                if (expected == DOMAIN ? (status == 401 || status == 403 || status >= 500) : status != expected) {
                    wrong.add(cell + "expected " + (expected == DOMAIN ? "the domain's answer" : expected) + ", got " + status + " "
                            + response.asString());
                    continue;
                }
                if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(cell + status + " is not problem+json: " + response.contentType());
                }
                if (!op.write()) {
                    continue;
                }
                List<Map<String, Object>> records = SecurityCounty.auditSince(dataSource, lastAudit);
                String outcome = status < 300 ? "ACCEPTED" : status == 401 || status == 403 ? "DENIED" : "REFUSED";
                if (records.size() != 1 || !outcome.equals(records.get(0).get("outcome")) || !Integer.valueOf(status < 300 ? 200 : status)
                        .equals(records.get(0).get("status"))) {
                    wrong.add(cell + "expected one " + outcome + " audit record, found " + records);
                }
                if (status >= 300 && !rowsBefore.equals(SecurityCounty.rows(dataSource))) {
                    wrong.add(cell + "refused but wrote: " + rowsBefore + " -> " + SecurityCounty.rows(dataSource));
                }
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }

    /** The matrix covers every operation of the document (a new one must be added here with its roles). */
    @Test
    void theMatrixCoversEveryOperationOfTheApi() {
        Map<String, Object> paths = given().auth().oauth2(TestTokens.admin()).get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        int operations = paths.values().stream().mapToInt(p -> ((Map<?, ?>) p).keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m)).toList().size()).sum();
        assertEquals(operations, OPS.size(), "operations in /q/openapi: " + paths.keySet());
        assertTrue(operations >= 24);
    }

    private static Response call(Op op, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (op.body() != null) {
            request = request.contentType("application/json").body(op.body());
        }
        return request.request(op.method(), op.path());
    }
}
