package cn.partybuilding.notification.security;

import cn.partybuilding.local.TestTokens;
import cn.partybuilding.notification.notice.RecipientKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The role matrix of notification-service through real signed tokens: every operation without a token (401), with
 * each role it allows (its answer, never 401/403) and with each role it forbids (403). A refused write leaves every
 * table as it was (outbox included) and adds one DENIED audit record. The matrix is the README's "Sign-in and roles".
 */
@QuarkusTest
class RoleMatrixTest {
    private static final String UNIT = "RM1";
    private static final String SECRETARY_ID = "RM1-002";
    private static final String MEMBER_ID = "RM1-006";

    @Inject
    SecurityFixtures fixtures;

    /** The callers: no token, and one token per role of the county realm. */
    private static Map<String, String> callers() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("COMMITTEE_ADMIN", TestTokens.admin());
        tokens.put("ASSESSOR", TestTokens.assessor());
        tokens.put("AUDITOR", TestTokens.auditor());
        tokens.put("UNIT_SECRETARY", TestTokens.secretary(UNIT));
        tokens.put("MEMBER", TestTokens.member(MEMBER_ID, UNIT));
        tokens.put("LEARNING_PLATFORM", TestTokens.learningPlatform());
        return tokens;
    }

    /** One operation: how it is called (given a token's request and the ids it acts on) and what each caller gets. */
    record Operation(String name, boolean write, Function<Ids, Function<RequestSpecification, Response>> call,
                     Map<String, Integer> expected) {
    }

    /** Fresh notices for one call: a write is made once, so each call gets its own. */
    record Ids(String secretaryNotice, String memberNotice, String committeeNotice) {
    }

    private static Map<String, Integer> expect(int none, int admin, int assessor, int auditor, int secretary, int member, int platform) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("none", none);
        m.put("COMMITTEE_ADMIN", admin);
        m.put("ASSESSOR", assessor);
        m.put("AUDITOR", auditor);
        m.put("UNIT_SECRETARY", secretary);
        m.put("MEMBER", member);
        m.put("LEARNING_PLATFORM", platform);
        return m;
    }

    private static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("GET /inbox/{recipientId} (the secretary's)", false,
                ids -> r -> r.get("/inbox/" + SECRETARY_ID), expect(401, 200, 200, 200, 200, 404, 403)));
        ops.add(new Operation("GET /inbox/{recipientId} (the member's)", false,
                ids -> r -> r.get("/inbox/" + MEMBER_ID), expect(401, 200, 200, 200, 404, 200, 403)));
        ops.add(new Operation("GET /notices", false,
                ids -> r -> r.get("/notices?unitCode=" + UNIT), expect(401, 200, 200, 200, 200, 403, 403)));
        ops.add(new Operation("GET /notices/{id} (to the unit)", false,
                ids -> r -> r.get("/notices/" + ids.secretaryNotice()), expect(401, 200, 200, 200, 200, 404, 403)));
        ops.add(new Operation("GET /notices/{id} (to the member)", false,
                ids -> r -> r.get("/notices/" + ids.memberNotice()), expect(401, 200, 200, 200, 404, 200, 403)));
        ops.add(new Operation("POST /notices/{id}/acknowledge (to the unit)", true,
                ids -> r -> r.contentType(ContentType.JSON).body("{}").post("/notices/" + ids.secretaryNotice() + "/acknowledge"),
                // the committee admin reads it but may not sign in the unit's name
                expect(401, 403, 403, 403, 200, 404, 403)));
        ops.add(new Operation("POST /notices/{id}/acknowledge (to the member)", true,
                ids -> r -> r.contentType(ContentType.JSON).body("{}").post("/notices/" + ids.memberNotice() + "/acknowledge"),
                expect(401, 403, 403, 403, 404, 200, 403)));
        ops.add(new Operation("POST /notices/{id}/acknowledge (to the committee)", true,
                ids -> r -> r.contentType(ContentType.JSON).body("{}").post("/notices/" + ids.committeeNotice() + "/acknowledge"),
                expect(401, 200, 403, 403, 404, 404, 403)));
        ops.add(new Operation("POST /notices/{id}/deliveries/{channel}/resend", true,
                ids -> r -> r.post("/notices/" + ids.secretaryNotice() + "/deliveries/WEBHOOK/resend"),
                expect(401, 202, 403, 403, 403, 403, 403)));
        ops.add(new Operation("GET /audit", false,
                ids -> r -> r.get("/audit"), expect(401, 200, 403, 200, 403, 403, 403)));
        ops.add(new Operation("GET /asyncapi.yaml", false,
                ids -> r -> r.get("/asyncapi.yaml"), expect(401, 200, 200, 200, 200, 200, 200)));
        return ops;
    }

    @Test
    void everyOperationAnswersEachRoleAsTheMatrixSays() {
        List<String> failures = new ArrayList<>();
        Map<String, String> tokens = callers();
        int calls = 0;
        for (Operation op : operations()) {
            for (Map.Entry<String, Integer> row : op.expected().entrySet()) {
                String role = row.getKey();
                int expected = row.getValue();
                Ids ids = new Ids(fixtures.notice(UNIT, RecipientKind.UNIT_SECRETARY, SECRETARY_ID),
                        fixtures.notice(UNIT, RecipientKind.MEMBER, MEMBER_ID),
                        fixtures.notice(UNIT, RecipientKind.COMMITTEE, "COMMITTEE"));
                fixtures.failedDelivery(ids.secretaryNotice());
                boolean refusedWrite = op.write() && expected >= 400;
                Map<String, Long> rowsBefore = refusedWrite ? fixtures.settledRowCounts() : null;
                long deniedBefore = fixtures.audits("DENIED");
                long allBefore = fixtures.audits();

                RequestSpecification request = given();
                if (tokens.get(role) != null) {
                    request = request.auth().oauth2(tokens.get(role));
                }
                Response answer = op.call().apply(ids).apply(request);
                calls++;
                String what = op.name() + " as " + role;
                if (answer.statusCode() != expected) {
                    failures.add(what + ": expected " + expected + ", was " + answer.statusCode() + " " + answer.asString());
                    continue;
                }
                if (expected >= 400 && !String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
                    failures.add(what + ": not problem+json but " + answer.contentType());
                }
                if (refusedWrite) {
                    if (!rowsBefore.equals(fixtures.rowCounts())) {
                        failures.add(what + ": rows changed " + rowsBefore + " -> " + fixtures.rowCounts());
                    }
                    if (fixtures.acknowledgedBy(ids.secretaryNotice()) != null || fixtures.acknowledgedBy(ids.memberNotice()) != null
                            || fixtures.acknowledgedBy(ids.committeeNotice()) != null || !"FAILED".equals(fixtures.deliveryStatus(ids.secretaryNotice()))) {
                        failures.add(what + ": a notice was signed or the delivery rescheduled");
                    }
                    long expectedDenied = expected == 401 || expected == 403 ? 1 : 0;
                    if (fixtures.audits("DENIED") - deniedBefore != expectedDenied || fixtures.audits() - allBefore != 1) {
                        failures.add(what + ": expected one " + (expectedDenied == 1 ? "DENIED" : "REFUSED") + " audit record, were "
                                + (fixtures.audits() - allBefore) + " (DENIED " + (fixtures.audits("DENIED") - deniedBefore) + ")");
                    }
                } else if (!op.write() && fixtures.audits() != allBefore) {
                    failures.add(what + ": a read left an audit record");
                }
            }
        }
        assertEquals(List.of(), failures, "of " + calls + " calls");
        assertEquals(77, calls, "every operation with every caller");
    }
}
