package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.local.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.security.SecureCounty.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail of the service: an accepted write leaves one ACCEPTED record naming the token's actor and the state
 * before and after; a write the domain refuses leaves only its REFUSED record; GET /audit filters and pages for the
 * committee and the auditors only; the table cannot be changed, not even by the database's owner.
 */
@QuarkusTest
class AuditTrailTest {
    private static SecureCounty county;

    @BeforeEach
    void county() {
        if (county == null) {
            county = SecureCounty.build(2008);
        }
    }

    /** GET /audit as the auditor; {@code query} is "name=value&…" (values sent as query parameters, encoded by RestAssured). */
    private static JsonPath audit(String query) {
        var request = io.restassured.RestAssured.given().auth().oauth2(TestTokens.auditor());
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            request = request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return request.get("/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLockLeavesOneAcceptedRecordWithTheTokensActorAndTheStateBeforeAndAfter() {
        Response lock = call(TestTokens.admin(), "POST", "/periods/2008-05/lock", Map.of("by", "冒名的人"));
        lock.then().statusCode(200);
        // who locked is the token's name; the body's "by" is ignored
        assertEquals("工委管理员", lock.jsonPath().getString("history[0].by"));

        JsonPath records = audit("target=period/2008-05");
        assertEquals(1, records.getInt("total"), records.prettify());
        assertEquals("test-admin", records.getString("items[0].actor.subject"));
        assertEquals("工委管理员", records.getString("items[0].actor.name"));
        assertEquals(List.of("COMMITTEE_ADMIN"), records.getList("items[0].actor.roles"));
        assertEquals("POST /periods/{period}/lock", records.getString("items[0].action"));
        assertEquals("period", records.getString("items[0].target.type"));
        assertEquals("2008-05", records.getString("items[0].target.id"));
        assertEquals("ACCEPTED", records.getString("items[0].outcome"));
        assertEquals("OPEN", records.getString("items[0].before.state"));
        assertEquals("LOCKED", records.getString("items[0].after.state"));
        assertEquals("工委管理员", records.getString("items[0].after.by"));
        assertEquals(lock.header("X-Request-Id"), records.getString("items[0].requestId"));
    }

    @Test
    void aScoreNamesTheSignedInAssessorWhateverTheBodySays() {
        Response score = call(TestTokens.assessor(), "POST", "/assessments", Map.of("unitCode", county.unitA, "indicatorCode", "D1",
                "period", "2008-01", "score", 45, "assessor", "冒名的考评员", "evidence", "台账"));
        score.then().statusCode(201);
        assertEquals("考评员", score.jsonPath().getString("assessor"));
        String id = score.jsonPath().getString("assessmentId");
        Response correction = call(TestTokens.admin(), "POST", "/assessments/" + id + "/corrections", Map.of("score", 40, "reason", "复核",
                "assessor", "别人"));
        assertEquals("工委管理员", correction.jsonPath().getString("assessor"));
        JsonPath records = audit("target=assessment/" + id);
        assertEquals(2, records.getInt("total"));
        // newest first: the correction, with the score before it
        assertEquals("test-admin", records.getString("items[0].actor.subject"));
        assertEquals(45.0f, records.getFloat("items[0].before.score"));
        assertEquals(40.0f, records.getFloat("items[0].after.score"));
        assertEquals("test-assessor", records.getString("items[1].actor.subject"));
        assertNull(records.get("items[1].before"));
        // the event carries the token's name too
        assertEquals(1, Db.count("select count(*) from outbox_event where payload like ? and payload like ?", "%" + id + "%", "%考评员%"));
    }

    @Test
    void aWriteTheDomainRefusesLeavesOnlyItsRefusal() {
        call(TestTokens.admin(), "POST", "/periods/2008-07/lock", null).then().statusCode(200);
        String before = Db.snapshot();
        long accepted = SecureCounty.audits("ACCEPTED");
        long refused = SecureCounty.audits("REFUSED");
        // a score for a locked month: checked, written, then refused at the lock: the transaction rolls back with its audit row
        call(TestTokens.assessor(), "POST", "/assessments", Map.of("unitCode", county.unitA, "indicatorCode", "D1",
                "period", "2008-07", "score", 45)).then().statusCode(409);
        SecureCounty.awaitAudits("REFUSED", refused + 1);
        assertEquals(accepted, SecureCounty.audits("ACCEPTED"));
        assertEquals(before, Db.snapshot());
        JsonPath records = audit("actor=test-assessor&target=assessments");
        assertEquals("REFUSED", records.getString("items[0].outcome"));
        assertEquals(409, records.getInt("items[0].status"));
        assertEquals("POST /assessments", records.getString("items[0].action"));
    }

    @Test
    void theTrailFiltersByActorTargetAndTimeAndPages() {
        Instant start = Instant.now();
        String secretary = TestTokens.secretary(county.unitA);
        for (int i = 0; i < 3; i++) {
            call(secretary, "POST", "/study/completions", Map.of("memberId", county.membersA.get(i), "activityType", "WEEKLY_STUDY",
                    "date", "2008-04-0" + (i + 1))).then().statusCode(201);
        }
        String actor = "secretary-" + county.unitA.toLowerCase();
        JsonPath all = audit("actor=" + actor + "&from=" + start);
        assertEquals(3, all.getInt("total"), all.prettify());
        assertTrue(all.getList("items.actor.subject", String.class).stream().allMatch(actor::equals));
        assertEquals(List.of(county.unitA, county.unitA, county.unitA), all.getList("items.actor.unitCode"));
        JsonPath page0 = audit("actor=" + actor + "&from=" + start + "&size=2&page=0");
        JsonPath page1 = audit("actor=" + actor + "&from=" + start + "&size=2&page=1");
        assertEquals(2, page0.getList("items").size());
        assertEquals(1, page1.getList("items").size());
        assertEquals(3, page1.getInt("total"));
        JsonPath one = audit("target=study_completion/" + county.membersA.get(1) + "|WEEKLY_STUDY|2008-04-02");
        assertEquals(1, one.getInt("total"), one.prettify());
        assertEquals(0, audit("actor=" + actor + "&to=" + start.minusSeconds(3600)).getInt("total"));
        // the committee reads it too; a secretary, a member, an assessor and the platform do not
        call(TestTokens.admin(), "GET", "/audit?actor=" + actor, null).then().statusCode(200);
        for (String token : List.of(secretary, TestTokens.member(county.membersA.get(0), county.unitA), TestTokens.assessor(),
                TestTokens.learningPlatform())) {
            call(token, "GET", "/audit", null).then().statusCode(403).contentType("application/problem+json");
        }
        call(null, "GET", "/audit", null).then().statusCode(401);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAuditRecords() throws SQLException {
        call(TestTokens.admin(), "POST", "/periods/2008-09/lock", null).then().statusCode(200);
        long records = Db.count("select count(*) from audit_record");
        String sample = "select count(*) from audit_record where target_id = '2008-09' and actor_subject = 'test-admin'";
        assertEquals(1, Db.count(sample));
        try (Connection connection = Arc.container().instance(AgroalDataSource.class).get().getConnection();
             Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("update audit_record set actor_subject = 'someone-else'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from audit_record where target_id = '2008-09'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("truncate audit_record"));
        }
        assertEquals(records, Db.count("select count(*) from audit_record"));
        assertEquals(1, Db.count(sample));
    }
}
