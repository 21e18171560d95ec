package cn.partybuilding.notification.security;

import cn.partybuilding.local.TestTokens;
import cn.partybuilding.notification.notice.RecipientKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail of notification-service: an accepted 签收 or resend leaves one ACCEPTED record naming the token's
 * caller, the operation, the target and the state before and after; a 签收 refused by the rules leaves only its
 * REFUSED record; GET /audit filters and pages, for the committee and the auditors only; the table refuses UPDATE and
 * DELETE whoever asks.
 */
@QuarkusTest
class AuditTrailTest {
    @Inject
    SecurityFixtures fixtures;

    String secretary = TestTokens.person("secretary-at1", "王书记", "UNIT_SECRETARY").unit("AT1").sign();

    @Test
    void anAcceptedSigningLeavesOneRecordWithTheCallerAndTheChange() {
        String notice = fixtures.notice("AT1", RecipientKind.UNIT_SECRETARY, "AT1-002");
        given().auth().oauth2(secretary).contentType(ContentType.JSON).body("{}").post("/notices/" + notice + "/acknowledge")
                .then().statusCode(200).body("acknowledgement.by", equalTo("王书记"));

        List<Map<String, Object>> records = fixtures.auditsOf("notices", notice);
        assertEquals(1, records.size(), records.toString());
        Map<String, Object> r = records.get(0);
        assertEquals("ACCEPTED", r.get("outcome"));
        assertEquals("secretary-at1", r.get("actor_subject"));
        assertEquals("王书记", r.get("actor_name"));
        assertEquals("UNIT_SECRETARY", r.get("actor_roles"));
        assertEquals("AT1", r.get("actor_unit"));
        assertEquals("POST /notices/{id}/acknowledge", r.get("action"));
        JsonPath before = new JsonPath((String) r.get("before_state"));
        JsonPath after = new JsonPath((String) r.get("after_state"));
        assertEquals("未签收", before.getString("state"));
        assertEquals("已签收", after.getString("state"));
        assertEquals("王书记", after.getString("acknowledgedBy"));
        assertNotNull(after.getString("acknowledgedAt"));

        // a second 签收 is refused by the rules (409): its record says so, and the accepted one stays the only one
        String other = TestTokens.person("leader-at1", "李主任", "UNIT_SECRETARY").unit("AT1").sign();
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{}").post("/notices/" + notice + "/acknowledge")
                .then().statusCode(409);
        records = fixtures.auditsOf("notices", notice);
        assertEquals(List.of("ACCEPTED", "REFUSED"), records.stream().map(x -> x.get("outcome")).toList());
        assertEquals(409, records.get(1).get("status"));
        assertEquals("leader-at1", records.get(1).get("actor_subject"));
        assertEquals(null, records.get(1).get("after_state"));
        assertEquals("王书记", fixtures.acknowledgedBy(notice));
    }

    @Test
    void anAcceptedResendRecordsTheDeliveryBeforeAndAfter() {
        String notice = fixtures.notice("AT1", RecipientKind.UNIT_SECRETARY, "AT1-002");
        fixtures.failedDelivery(notice);
        given().auth().oauth2(TestTokens.admin()).post("/notices/" + notice + "/deliveries/WEBHOOK/resend").then().statusCode(202);
        List<Map<String, Object>> records = fixtures.auditsOf("notices", notice + "/WEBHOOK");
        assertEquals(1, records.size(), records.toString());
        assertEquals("ACCEPTED", records.get(0).get("outcome"));
        assertEquals("test-admin", records.get(0).get("actor_subject"));
        assertEquals("FAILED", new JsonPath((String) records.get(0).get("before_state")).getString("status"));
        assertEquals("PENDING", new JsonPath((String) records.get(0).get("after_state")).getString("status"));
    }

    @Test
    void theTrailIsReadByTheCommitteeAndTheAuditorsFilteredAndPaged() {
        Instant start = Instant.now().minusSeconds(1);
        String first = fixtures.notice("AT2", RecipientKind.UNIT_SECRETARY, "AT2-002");
        String second = fixtures.notice("AT2", RecipientKind.UNIT_SECRETARY, "AT2-002");
        String at2 = TestTokens.person("secretary-at2", "赵书记", "UNIT_SECRETARY").unit("AT2").sign();
        for (String id : List.of(first, second)) {
            given().auth().oauth2(at2).contentType(ContentType.JSON).body("{}").post("/notices/" + id + "/acknowledge").then().statusCode(200);
        }

        JsonPath byActor = given().auth().oauth2(TestTokens.auditor()).queryParam("actor", "secretary-at2").queryParam("size", 1)
                .get("/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(2, byActor.getLong("total"));
        assertEquals(1, byActor.getList("items").size());
        assertEquals(second, byActor.getString("items[0].target.id"), "newest first");
        JsonPath page2 = given().auth().oauth2(TestTokens.auditor()).queryParam("actor", "secretary-at2").queryParam("size", 1)
                .queryParam("page", 1).get("/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(first, page2.getString("items[0].target.id"));

        JsonPath byTarget = given().auth().oauth2(TestTokens.admin()).queryParam("target", "notices/" + first).get("/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, byTarget.getLong("total"));
        assertEquals("赵书记", byTarget.getString("items[0].actor.name"));
        assertEquals("已签收", byTarget.getString("items[0].after.state"));

        assertEquals(2, given().auth().oauth2(TestTokens.admin()).queryParam("actor", "secretary-at2")
                .queryParam("from", start.toString()).get("/audit").then().statusCode(200).extract().jsonPath().getLong("total"));
        assertEquals(0, given().auth().oauth2(TestTokens.admin()).queryParam("actor", "secretary-at2")
                .queryParam("to", start.toString()).get("/audit").then().statusCode(200).extract().jsonPath().getLong("total"));

        given().auth().oauth2(at2).get("/audit").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.member("AT2-006", "AT2")).get("/audit").then().statusCode(403);
        given().get("/audit").then().statusCode(401);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheTrail() {
        String notice = fixtures.notice("AT3", RecipientKind.UNIT_SECRETARY, "AT3-002");
        given().auth().oauth2(TestTokens.secretary("AT3")).contentType(ContentType.JSON).body("{}").post("/notices/" + notice + "/acknowledge")
                .then().statusCode(200);
        long before = fixtures.audits();
        SQLException update = fixtures.tryOnAuditTrail("update audit_record set actor_name = 'someone else' where target_id = '" + notice + "'");
        SQLException delete = fixtures.tryOnAuditTrail("delete from audit_record where target_id = '" + notice + "'");
        assertNotNull(update, "UPDATE was accepted");
        assertNotNull(delete, "DELETE was accepted");
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        assertEquals(before, fixtures.audits());
        assertEquals("AT3 党组织书记", fixtures.auditsOf("notices", notice).get(0).get("actor_name"));
    }
}
