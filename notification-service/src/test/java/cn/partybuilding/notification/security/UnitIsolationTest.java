package cn.partybuilding.notification.security;

import cn.partybuilding.local.TestTokens;
import cn.partybuilding.notification.notice.RecipientKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A unit secretary of UI1 and a member of UI1 meet UI2's notices (and each other's) as things that do not exist: the
 * same 404 a missing notice gets, nothing written; lists hold only what the caller may see.
 */
@QuarkusTest
class UnitIsolationTest {
    @Inject
    SecurityFixtures fixtures;

    String secretary = TestTokens.secretary("UI1");
    String member = TestTokens.member("UI1-006", "UI1");

    String own;
    String ownMembers;
    String otherUnits;
    String otherMembers;
    String toTheCommittee;

    @BeforeEach
    void noticesOfTwoUnits() {
        own = fixtures.notice("UI1", RecipientKind.UNIT_SECRETARY, "UI1-002");
        ownMembers = fixtures.notice("UI1", RecipientKind.MEMBER, "UI1-006");
        otherUnits = fixtures.notice("UI2", RecipientKind.UNIT_SECRETARY, "UI2-002");
        otherMembers = fixtures.notice("UI2", RecipientKind.MEMBER, "UI2-007");
        // a 督办通知 about UI1 sent up to the committee: UI1 does not read it
        toTheCommittee = fixtures.notice("UI1", RecipientKind.COMMITTEE, "COMMITTEE");
    }

    @Test
    void anotherUnitsNoticeAnswersExactlyAsAMissingOne() {
        JsonPath missing = given().auth().oauth2(secretary).get("/notices/" + "00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json").extract().jsonPath();
        for (String hidden : List.of(otherUnits, otherMembers, ownMembers, toTheCommittee)) {
            JsonPath answer = given().auth().oauth2(secretary).get("/notices/" + hidden).then()
                    .statusCode(404).contentType("application/problem+json").extract().jsonPath();
            assertEquals(missing.getString("title"), answer.getString("title"));
            assertEquals(missing.getList("violations"), answer.getList("violations"));
            assertEquals("通知 " + hidden + " 不存在", answer.getString("detail"));
        }
        given().auth().oauth2(secretary).get("/notices/" + own).then().statusCode(200).body("unitCode", equalTo("UI1"));

        for (String hidden : List.of(otherUnits, otherMembers, own)) {
            given().auth().oauth2(member).get("/notices/" + hidden).then().statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(member).get("/notices/" + ownMembers).then().statusCode(200).body("recipientId", equalTo("UI1-006"));
    }

    @Test
    void anotherUnitsInboxIsNotFoundAndOnesOwnShowsOnlyItsNotices() {
        given().auth().oauth2(secretary).get("/inbox/UI2-002").then().statusCode(404).contentType("application/problem+json")
                .body("violations[0].field", equalTo("recipientId"));
        given().auth().oauth2(secretary).get("/inbox/UI1-006").then().statusCode(404); // a member's inbox is the member's
        given().auth().oauth2(secretary).get("/inbox/COMMITTEE").then().statusCode(404);
        given().auth().oauth2(member).get("/inbox/UI1-002").then().statusCode(404);
        given().auth().oauth2(member).get("/inbox/UI2-007").then().statusCode(404);

        List<String> secretarys = given().auth().oauth2(secretary).get("/inbox/UI1-002").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertTrue(secretarys.contains(own) && secretarys.stream().allMatch(id -> !id.equals(otherUnits)), secretarys.toString());
        assertEquals(List.of(ownMembers), given().auth().oauth2(member).get("/inbox/UI1-006").then().statusCode(200)
                .extract().jsonPath().getList("id"));
        // an inbox of its own that has nothing yet is empty, not missing
        given().auth().oauth2(secretary).get("/inbox/UI1").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
        given().auth().oauth2(secretary).get("/inbox/UI1:PRINCIPAL_LEADER").then().statusCode(200);
    }

    @Test
    void theSecretarysSearchHoldsOnlyItsUnitsNoticesAndAnotherUnitInTheQueryIsNotFound() {
        List<Map<String, Object>> found = given().auth().oauth2(secretary).get("/notices").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(found.stream().anyMatch(n -> own.equals(n.get("id"))), found.toString());
        assertTrue(found.stream().allMatch(n -> "UI1".equals(n.get("unitCode"))
                && !ownMembers.equals(n.get("id")) && !toTheCommittee.equals(n.get("id"))), found.toString());
        given().auth().oauth2(secretary).get("/notices?unitCode=UI2").then().statusCode(404).contentType("application/problem+json")
                .body("violations[0].field", equalTo("unitCode"));
        assertEquals(List.of(), given().auth().oauth2(secretary).get("/notices?recipientId=UI2-002").then().statusCode(200)
                .extract().jsonPath().getList("$"));
        // the committee's search sees both units
        List<String> all = given().auth().oauth2(TestTokens.auditor()).get("/notices?period=2026-10").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertTrue(all.containsAll(List.of(own, ownMembers, otherUnits, otherMembers, toTheCommittee)));
    }

    @Test
    void signingAnotherUnitsOrAnothersNoticeIsNotFoundAndWritesNothing() {
        Map<String, Long> before = fixtures.settledRowCounts();
        long audits = fixtures.audits();
        for (String hidden : List.of(otherUnits, otherMembers, ownMembers, toTheCommittee)) {
            acknowledge(secretary, hidden).then().statusCode(404).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("id"));
        }
        for (String hidden : List.of(otherUnits, otherMembers, own)) {
            acknowledge(member, hidden).then().statusCode(404).contentType("application/problem+json");
        }
        // the committee admin reads the unit's notice but may not sign in the unit's name
        acknowledge(TestTokens.admin(), own).then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("签收须由收件人本人办理，不能代为签收"));
        assertEquals(before, fixtures.rowCounts());
        for (String id : List.of(own, ownMembers, otherUnits, otherMembers, toTheCommittee)) {
            assertNull(fixtures.acknowledgedBy(id), id);
        }
        assertEquals(audits + 8, fixtures.audits(), "one refusal record per refused 签收");

        // each signs its own
        acknowledge(secretary, own).then().statusCode(200).body("acknowledgement.by", equalTo("UI1 党组织书记"));
        acknowledge(member, ownMembers).then().statusCode(200).body("acknowledgement.by", equalTo("党员 UI1-006"));
    }

    private static Response acknowledge(String token, String id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post("/notices/" + id + "/acknowledge");
    }
}
