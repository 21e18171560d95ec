package cn.partybuilding.reporting.security;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.replay.ReplayService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.security.SecurityCounty.APR;
import static cn.partybuilding.reporting.security.SecurityCounty.FEB;
import static cn.partybuilding.reporting.security.SecurityCounty.OWN;
import static cn.partybuilding.reporting.security.SecurityCounty.YEAR;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail of reporting-service: an accepted write leaves one ACCEPTED record, written in its own transaction
 * (actor from the token, the operation, the target, before and after); a refused one only its REFUSED record; GET
 * /audit filters and pages and is the committee's and the auditors'; the database refuses to change a record.
 */
@QuarkusTest
class AuditTrailTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventConsumers consumers;
    @Inject
    FactBatchHandler applier;
    @Inject
    FactsVersion factsVersion;
    @Inject
    ReplayService replay;

    @BeforeEach
    void county() throws Exception {
        SecurityCounty.ensure(dataSource, consumers, applier, factsVersion);
    }

    @Test
    void aDebriefScoreIsRecordedWithActorTargetBeforeAndAfter() throws Exception {
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType("application/json").body("{\"score\":70}").put("/years/" + YEAR + "/debriefs/" + OWN)
                .then().statusCode(200);
        long last = SecurityCounty.lastAuditId(dataSource);
        // an actor named in the body is not the actor: the token is
        given().auth().oauth2(admin).contentType("application/json").body("{\"score\":75.5,\"by\":\"anyone-at-all\"}")
                .put("/years/" + YEAR + "/debriefs/" + OWN).then().statusCode(200);
        List<Map<String, Object>> records = SecurityCounty.auditSince(dataSource, last);
        assertEquals(1, records.size(), records.toString());
        Map<String, Object> r = records.get(0);
        assertEquals("ACCEPTED", r.get("outcome"));
        assertEquals("test-admin", r.get("subject"));
        assertEquals("工委管理员", r.get("name"));
        assertEquals("COMMITTEE_ADMIN", r.get("roles"));
        assertEquals("PUT /years/{year}/debriefs/{unitCode}", r.get("action"));
        assertEquals("debrief", r.get("targetType"));
        assertEquals(YEAR + "/" + OWN, r.get("targetId"));
        assertEquals("{\"score\": 70.0}", r.get("before"));
        assertEquals("{\"score\": 75.5}", r.get("after"));
    }

    @Test
    void aPublicationIsRecordedInItsTransactionAndARefusedOneOnlyAsRefused() throws Exception {
        String admin = TestTokens.admin();
        long last = SecurityCounty.lastAuditId(dataSource);
        given().auth().oauth2(admin).post("/rankings/" + FEB + "/publish").then().statusCode(409);
        given().auth().oauth2(admin).contentType("application/json").body("{\"score\":70}").put("/years/" + YEAR + "/debriefs/NO-SUCH")
                .then().statusCode(404);
        List<Map<String, Object>> refused = SecurityCounty.auditSince(dataSource, last);
        assertEquals(List.of("REFUSED", "REFUSED"), refused.stream().map(r -> r.get("outcome")).toList(), refused.toString());
        assertEquals(List.of(409, 404), refused.stream().map(r -> r.get("status")).toList());

        if (SecurityCounty.count(dataSource, "select count(*) from published_ranking where period = '" + APR + "'") == 0) {
            last = SecurityCounty.lastAuditId(dataSource);
            int version = given().auth().oauth2(admin).post("/rankings/" + APR + "/publish").then().statusCode(200)
                    .extract().jsonPath().getInt("version");
            List<Map<String, Object>> accepted = SecurityCounty.auditSince(dataSource, last);
            assertEquals(1, accepted.size(), accepted.toString());
            assertEquals("ACCEPTED", accepted.get(0).get("outcome"));
            assertEquals("POST /rankings/{period}/publish", accepted.get(0).get("action"));
            assertEquals("ranking", accepted.get(0).get("targetType"));
            assertEquals(APR, accepted.get(0).get("targetId"));
            assertEquals(null, accepted.get(0).get("before"));
            JsonPath after = JsonPath.from((String) accepted.get(0).get("after"));
            assertEquals(version, after.getInt("version"));
            assertEquals(2, after.getInt("ranked"));
            // one transaction: the record and the frozen version were written by the same one (same xmin; the outbox rows'
            // xmin changes when the relay marks them sent)
            assertEquals(1, SecurityCounty.count(dataSource, "select count(*) from audit_record a join published_ranking p on p.xmin = a.xmin "
                    + "where a.id = " + accepted.get(0).get("id") + " and p.period = '" + APR + "' and p.version = " + version));
        }
    }

    @Test
    void theTrailIsReadFilteredAndPagedByTheCommitteeAndTheAuditorsOnly() {
        String admin = TestTokens.admin();
        for (int score : List.of(61, 62)) {
            given().auth().oauth2(admin).contentType("application/json").body("{\"score\":" + score + "}")
                    .put("/years/" + YEAR + "/debriefs/" + OWN).then().statusCode(200);
        }
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath page = given().auth().oauth2(TestTokens.auditor())
                .queryParam("actor", "test-admin").queryParam("target", "debrief/" + YEAR + "/" + OWN)
                .queryParam("from", today).queryParam("to", today).queryParam("size", 1)
                .get("/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(page.getLong("total") >= 2, page.prettify());
        assertEquals(1, page.getList("items").size());
        assertEquals("{score=62.0}", page.getMap("items[0].after").toString(), "newest first");
        assertEquals("test-admin", page.getString("items[0].actor.subject"));
        given().auth().oauth2(admin).queryParam("target", "debrief/" + YEAR + "/" + OWN).queryParam("page", 1).queryParam("size", 1)
                .get("/audit").then().statusCode(200).body("items[0].after.score", equalTo(61.0f));
        given().auth().oauth2(admin).queryParam("actor", "nobody-at-all").get("/audit").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(admin).queryParam("from", "2000-01-01").queryParam("to", "2000-01-02").get("/audit").then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.secretary(OWN)).get("/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.assessor()).get("/audit").then().statusCode(403);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveARecord() throws Exception {
        assertTrue(SecurityCounty.lastAuditId(dataSource) > 0);
        for (String sql : List.of("update audit_record set actor_subject = 'someone-else'", "delete from audit_record",
                "truncate audit_record")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }
        }
    }

    /** A replay's start is an accepted write: recorded with the state it left and the one it started. */
    @Test
    void theStartOfAReplayIsRecorded() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> replay.status().state() != ReplayService.State.RUNNING);
        long last = SecurityCounty.lastAuditId(dataSource);
        given().auth().oauth2(TestTokens.admin()).post("/admin/replay").then().statusCode(202).body("state", equalTo("RUNNING"));
        List<Map<String, Object>> records = SecurityCounty.auditSince(dataSource, last);
        assertEquals(1, records.size(), records.toString());
        assertEquals("ACCEPTED", records.get(0).get("outcome"));
        assertEquals("replay", records.get(0).get("targetType"));
        assertTrue(((String) records.get(0).get("after")).contains("\"state\": \"RUNNING\""), records.toString());
        assertTrue(((String) records.get(0).get("before")).contains("\"state\": \""), records.toString());
        // the replay rebuilds the facts from the topics; the county of these tests is applied again by the next test
        await().atMost(Duration.ofSeconds(120)).until(() -> replay.status().state() != ReplayService.State.RUNNING);
        assertEquals(ReplayService.State.DONE, replay.status().state(), String.valueOf(replay.status().error()));
    }
}
