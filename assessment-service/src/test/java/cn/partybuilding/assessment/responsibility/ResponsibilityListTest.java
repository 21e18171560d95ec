package cn.partybuilding.assessment.responsibility;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static cn.partybuilding.assessment.support.Fixtures.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 责任清单 (issue 16 item 3) in a year of its own (2003): the unit's secretary keeps its list, checks items off with
 * evidence; the committee reopens; bad inputs name the field and write nothing; another unit's item is unknown (404).
 */
@QuarkusTest
class ResponsibilityListTest {
    private static final int YEAR = 2003;

    private static Map<String, Object> item(Fixtures.Unit unit, String level, String organizationId, String dueDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitCode", unit.code());
        body.put("year", YEAR);
        body.put("level", level);
        body.put("organizationId", organizationId);
        body.put("dutyKind", "ASSIGNED");
        body.put("responsibleMemberId", unit.memberIds().get(1));
        body.put("content", "落实意识形态工作责任制，每季度专题研究一次");
        body.put("dueDate", dueDate);
        return body;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    @Test
    @TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
    void anItemIsAddedChangedCheckedOffWithEvidenceAndReopenedByTheCommittee() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县教育局", 3);
        String id = post("/responsibility-items", item(unit, "BRANCH", unit.branchId(), YEAR + "-03-31")).statusCode(201)
                .body("status", equalTo("OPEN")).body("dutyLabel", equalTo("分工负责")).body("responsibleMemberName", equalTo("党员1"))
                .body("revision", equalTo(1)).extract().path("itemId");
        put("/responsibility-items/" + id, Map.of("dutyKind", "DUAL", "responsibleMemberId", unit.memberIds().get(2),
                "content", "班子成员履行一岗双责", "dueDate", YEAR + "-04-30")).statusCode(200)
                .body("dutyLabel", equalTo("一岗双责")).body("dueDate", equalTo(YEAR + "-04-30")).body("revision", equalTo(2));
        post("/responsibility-items/" + id + "/check-off", Map.of("evidence", "党组会议纪要（" + YEAR + "年第4次）", "doneOn", YEAR + "-04-20"))
                .statusCode(200).body("status", equalTo("DONE")).body("doneOn", equalTo(YEAR + "-04-20"))
                .body("checkedBy", notNullValue()).body("checkedAt", notNullValue()).body("revision", equalTo(3));
        post("/responsibility-items/" + id + "/check-off", Map.of("evidence", "again")).statusCode(409).body("violations[0].field", equalTo("itemId"));
        put("/responsibility-items/" + id, Map.of("dutyKind", "DUAL", "responsibleMemberId", unit.memberIds().get(2),
                "content", "x", "dueDate", YEAR + "-04-30")).statusCode(409);
        post("/responsibility-items/" + id + "/reopen", Map.of("reason", "佐证材料不完整")).statusCode(200)
                .body("status", equalTo("OPEN")).body("doneOn", nullValue()).body("evidence", nullValue());
        post("/responsibility-items", item(unit, "UNIT", null, YEAR + "-12-31")).statusCode(201);
        given().queryParam("unitCode", unit.code()).queryParam("year", YEAR).get("/responsibility-items").then()
                .body("", hasSize(2)).body("[0].level", equalTo("UNIT"));
        given().queryParam("unitCode", unit.code()).queryParam("level", "BRANCH").get("/responsibility-items").then().body("", hasSize(1));
        assertEquals(1, Db.count("select count(*) from audit_record where target_type = 'responsibility-item' and target_id = ? and action like 'POST%reopen'", id),
                "the reopen is audited");
    }

    @Test
    @TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
    void badInputsNameTheFieldAndWriteNothing() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县卫生健康局", 3);
        Fixtures.Unit other = Fixtures.unitWithMembers("县住建局", 2);
        String before = Db.snapshot();
        Map<String, Object> body = item(unit, "BRANCH", unit.branchId(), (YEAR + 1) + "-01-15");
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("dueDate"));
        body = item(unit, "BRANCH", null, YEAR + "-05-01");
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("organizationId"));
        body = item(unit, "BRANCH", other.branchId(), YEAR + "-05-01");
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("organizationId"));
        body = item(unit, "ORGANS_COMMITTEE", unit.branchId(), YEAR + "-05-01");
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("organizationId"));
        body = item(unit, "UNIT", null, YEAR + "-05-01");
        body.put("responsibleMemberId", other.memberIds().get(0));
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("responsibleMemberId"))
                .body("violations[0].reason", equalTo("不是本单位党员: " + other.memberIds().get(0)));
        body = item(unit, "UNIT", null, YEAR + "-05-01");
        body.put("content", " ");
        post("/responsibility-items", body).statusCode(400).body("violations[0].field", equalTo("content"));
        body = item(unit, "UNIT", null, YEAR + "-05-01");
        body.put("dutyKind", "NONSENSE");
        post("/responsibility-items", body).statusCode(400);
        assertEquals(before, Db.snapshot(), "nothing written");

        String id = post("/responsibility-items", item(unit, "UNIT", null, YEAR + "-05-01")).statusCode(201).extract().path("itemId");
        before = Db.snapshot();
        post("/responsibility-items/" + id + "/check-off", Map.of()).statusCode(400).body("violations[0].field", equalTo("evidence"));
        post("/responsibility-items/" + id + "/check-off", Map.of("evidence", "纪要", "doneOn", "2999-01-01")).statusCode(400)
                .body("violations[0].field", equalTo("doneOn"));
        post("/responsibility-items/" + id + "/reopen", Map.of("reason", "x")).statusCode(409);
        post("/responsibility-items/no-such/check-off", Map.of("evidence", "纪要")).statusCode(404);
        assertEquals(before, Db.snapshot(), "nothing written");
        // a locked month's figure does not change: neither a due date nor a done date in it
        post("/periods/" + YEAR + "-02/lock", Map.of()).statusCode(200);
        before = Db.snapshot();
        post("/responsibility-items", item(unit, "UNIT", null, YEAR + "-02-28")).statusCode(409).body("violations[0].field", equalTo("dueDate"));
        post("/responsibility-items/" + id + "/check-off", Map.of("evidence", "纪要", "doneOn", YEAR + "-02-10")).statusCode(409)
                .body("violations[0].field", equalTo("doneOn"));
        assertEquals(before, Db.snapshot(), "nothing written");
    }

    @Test
    void aSecretaryKeepsItsOwnUnitsListAndAnotherUnitsItemIsUnknown() {
        String admin = TestTokens.admin();
        // the units are registered by the committee
        Fixtures.Unit[] units = new Fixtures.Unit[2];
        io.restassured.RestAssured.requestSpecification = given().auth().oauth2(admin);
        try {
            units[0] = Fixtures.unitWithMembers("县民政局", 2);
            units[1] = Fixtures.unitWithMembers("县司法局", 2);
        } finally {
            io.restassured.RestAssured.requestSpecification = null;
        }
        Fixtures.Unit mine = units[0];
        Fixtures.Unit theirs = units[1];
        String secretary = TestTokens.secretary(mine.code());
        String own = as(secretary).body(item(mine, "UNIT", null, YEAR + "-06-30")).post("/responsibility-items").then().statusCode(201)
                .extract().path("itemId");
        String foreign = as(admin).body(item(theirs, "UNIT", null, YEAR + "-06-30")).post("/responsibility-items").then().statusCode(201)
                .extract().path("itemId");
        String before = Db.snapshot();
        as(secretary).get("/responsibility-items/" + foreign).then().statusCode(404);
        as(secretary).body(Map.of("evidence", "纪要")).post("/responsibility-items/" + foreign + "/check-off").then().statusCode(404);
        as(secretary).body(item(theirs, "UNIT", null, YEAR + "-06-30")).post("/responsibility-items").then().statusCode(400)
                .body("violations[0].field", equalTo("unitCode"));
        as(secretary).queryParam("unitCode", theirs.code()).get("/responsibility-items").then().statusCode(200).body("", hasSize(0));
        as(secretary).body(Map.of("reason", "x")).post("/responsibility-items/" + own + "/reopen").then().statusCode(403);
        assertEquals(before, Db.snapshot());
        as(secretary).body(Map.of("evidence", "党组会议纪要")).post("/responsibility-items/" + own + "/check-off").then().statusCode(200)
                .body("status", equalTo("DONE"));
        as(secretary).get("/responsibility-items").then().statusCode(200).body("", hasSize(1)).body("[0].itemId", equalTo(own));
    }
}
