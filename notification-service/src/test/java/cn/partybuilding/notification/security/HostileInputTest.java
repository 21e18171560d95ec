package cn.partybuilding.notification.security;

import cn.partybuilding.local.TestTokens;
import cn.partybuilding.notification.notice.RecipientKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens that must not be accepted and bodies, paths and queries no client should send: each is answered with a
 * problem+json 4xx, every table keeps its rows (outbox included), the notice stays unsigned, and a refused write adds
 * exactly its own audit record (a body refused for its size before it is read included).
 */
@QuarkusTest
class HostileInputTest {
    @Inject
    SecurityFixtures fixtures;

    String secretary = TestTokens.secretary("HI1");
    String notice;
    String otherUnits;

    @BeforeEach
    void aNoticeToSign() {
        notice = fixtures.notice("HI1", RecipientKind.UNIT_SECRETARY, "HI1-002");
        otherUnits = fixtures.notice("HI2", RecipientKind.UNIT_SECRETARY, "HI2-002");
    }

    /** How many audit records a refusal adds. */
    enum Audit {
        NONE,
        ONE
    }

    record Case(String what, int expected, Audit audit, Supplier<Response> call) {
    }

    private RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private Response sign(String token, String body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/notices/" + notice + "/acknowledge");
    }

    @Test
    void hostileRequestsAreRefusedAndWriteNothing() {
        String nested = "{\"by\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        // 20,000 numbers: 40 KB, under the body limit, so that the array itself is what is refused
        String array = "[" + "0,".repeat(19_999) + "0]";
        String oversized = "{\"by\": \"" + "长".repeat(40_000) + "\"}"; // 120 KB of UTF-8, over the 64K limit
        List<Case> cases = List.of(
                new Case("expired token", 401, Audit.ONE, () -> sign(TestTokens.person("secretary-hi1", "HI1 书记", "UNIT_SECRETARY")
                        .unit("HI1").expired().sign(), "{}")),
                new Case("token signed by another key", 401, Audit.ONE, () -> sign(TestTokens.person("secretary-hi1", "HI1 书记", "UNIT_SECRETARY")
                        .unit("HI1").signedByAnotherKey().sign(), "{}")),
                new Case("token for another audience", 401, Audit.ONE, () -> sign(TestTokens.person("secretary-hi1", "HI1 书记", "UNIT_SECRETARY")
                        .unit("HI1").audience("assessment-service").sign(), "{}")),
                new Case("garbage for a token", 401, Audit.ONE, () -> sign("not.a.token", "{}")),
                new Case("expired token, a read", 401, Audit.NONE, () -> as(TestTokens.person("test-admin", "管理员", "COMMITTEE_ADMIN")
                        .expired().sign()).get("/notices")),
                new Case("wrong role: the auditor signs", 403, Audit.ONE, () -> sign(TestTokens.auditor(), "{}")),
                new Case("wrong role: the secretary resends", 403, Audit.ONE, () -> as(secretary).post("/notices/" + notice + "/deliveries/WEBHOOK/resend")),
                new Case("another unit's notice in the path", 404, Audit.ONE, () -> as(secretary).contentType(ContentType.JSON).body("{}")
                        .post("/notices/" + otherUnits + "/acknowledge")),
                new Case("another unit in the query", 404, Audit.NONE, () -> as(secretary).get("/notices?unitCode=HI2")),
                new Case("a signer named in the body", 400, Audit.ONE, () -> sign(secretary, "{\"by\": \"HI2 书记\"}")),
                new Case("body over the limit", 413, Audit.ONE, () -> sign(secretary, oversized)),
                new Case("JSON nested 10,000 deep", 400, Audit.ONE, () -> sign(secretary, nested)),
                new Case("NUL in a text field", 400, Audit.ONE, () -> sign(secretary, "{\"by\": \"a\\u0000b\"}")),
                new Case("control characters in a text field", 400, Audit.ONE, () -> sign(secretary, "{\"by\": \"\\u0007\\u001b[2J\"}")),
                new Case("NUL in the path", 404, Audit.ONE, () -> as(secretary).urlEncodingEnabled(false).contentType(ContentType.JSON).body("{}")
                        .post("/notices/a%00b/acknowledge")),
                new Case("NUL in an inbox id", 404, Audit.NONE, () -> as(TestTokens.admin()).urlEncodingEnabled(false).get("/inbox/a%00b")),
                new Case("NUL in a query", 400, Audit.NONE, () -> as(TestTokens.admin()).urlEncodingEnabled(false).get("/notices?recipientId=a%00b")),
                // a request line over 4 KB: the platform's 414 problem+json (a read, so no record)
                new Case("a request line over 4 KB", 414, Audit.NONE, () -> as(TestTokens.admin()).get("/notices?period=" + "9".repeat(10 * 1024))),
                new Case("an over-long query", 400, Audit.NONE, () -> as(TestTokens.admin()).get("/notices?period=" + "9".repeat(1_000))),
                new Case("SQL injection in the path", 404, Audit.ONE, () -> as(secretary).contentType(ContentType.JSON).body("{}")
                        .post("/notices/'; drop table notice; --/acknowledge")),
                new Case("SQL injection in the body", 400, Audit.ONE, () -> sign(secretary, "{\"by\": \"'; drop table notice; --\"}")),
                new Case("script in the body", 400, Audit.ONE, () -> sign(secretary, "{\"by\": \"<script>alert(1)</script>\"}")),
                new Case("1e400 in the body", 400, Audit.ONE, () -> sign(secretary, "{\"by\": 1e400}")),
                new Case("-0 in the body", 400, Audit.ONE, () -> sign(secretary, "{\"by\": -0}")),
                new Case("1e400 as a page of the audit trail", 400, Audit.NONE, () -> as(TestTokens.admin()).get("/audit?page=1e400")),
                new Case("20,000 elements where none are expected", 400, Audit.ONE, () -> sign(secretary, "{\"by\": " + array + "}")),
                new Case("20,000 elements as the body", 400, Audit.ONE, () -> sign(secretary, array)),
                new Case("an unknown status filter", 400, Audit.NONE, () -> as(secretary).get("/inbox/HI1-002?status='%20or%201=1"))
        );
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Long> rows = fixtures.settledRowCounts();
            long audits = fixtures.audits();
            Response answer = c.call().get();
            if (answer.statusCode() != c.expected()) {
                failures.add(c.what() + ": expected " + c.expected() + ", was " + answer.statusCode() + " " + abbreviated(answer.asString()));
                continue;
            }
            if (!String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
                failures.add(c.what() + ": not problem+json but " + answer.contentType());
            }
            if (!rows.equals(fixtures.rowCounts())) {
                failures.add(c.what() + ": rows changed " + rows + " -> " + fixtures.rowCounts());
            }
            long added = fixtures.audits() - audits;
            boolean expected = switch (c.audit()) {
                case NONE -> added == 0;
                case ONE -> added == 1;
            };
            if (!expected) {
                failures.add(c.what() + ": " + added + " audit records added, expected " + c.audit());
            }
        }
        assertEquals(List.of(), failures);
        assertNull(fixtures.acknowledgedBy(notice));
        assertNull(fixtures.acknowledgedBy(otherUnits));
    }

    @Test
    void anInjectionStringInASearchIsJustTextThatFindsNothing() {
        // bound parameters: the search looks for a recipient of that name, finds none, and the table is still there
        assertEquals(List.of(), as(TestTokens.admin()).queryParam("recipientId", "'; drop table notice; --").get("/notices")
                .then().statusCode(200).extract().jsonPath().getList("$"));
        assertEquals(List.of(), as(TestTokens.admin()).queryParam("recipientId", "<script>alert(1)</script>").get("/notices")
                .then().statusCode(200).extract().jsonPath().getList("$"));
        as(secretary).get("/notices/" + notice).then().statusCode(200);
        assertTrue(fixtures.rowCounts().get("notice") > 0);
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
