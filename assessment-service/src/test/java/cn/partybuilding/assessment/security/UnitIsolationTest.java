package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.security.SecureCounty.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A unit secretary (and a member) sees another unit's things exactly as things that do not exist: a path id answers
 * the 404 an unknown id gets, a body id the 400 an unknown one gets, lists hold only its own unit's; and nothing is
 * written by a refused write.
 */
@QuarkusTest
class UnitIsolationTest {
    private static SecureCounty county;
    private String secretary;
    private String admin;

    @BeforeEach
    void county() {
        if (county == null) {
            county = SecureCounty.build(2006);
            String admin = TestTokens.admin();
            for (String unit : List.of(county.unitA, county.unitB)) {
                call(admin, "POST", "/bonuses", Map.of("unitCode", unit, "period", "2006-03", "points", 1, "reason", "先进")).then().statusCode(201);
            }
            for (List<String> members : List.of(county.membersA, county.membersB)) {
                for (String member : members) {
                    call(admin, "POST", "/study/completions", Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", "2006-04-03"))
                            .then().statusCode(201);
                }
            }
        }
        secretary = TestTokens.secretary(county.unitA);
        admin = TestTokens.admin();
    }

    /** Another unit's thing and a missing one answer alike: same status, same body once the id itself is set aside. */
    private void sameAsMissing(String otherPath, String missingPath, String otherId, String missingId) {
        Response other = call(secretary, "GET", otherPath, null);
        Response missing = call(secretary, "GET", missingPath, null);
        assertEquals(404, other.statusCode(), otherPath + ": " + other.asString());
        assertEquals(404, missing.statusCode(), missingPath + ": " + missing.asString());
        assertTrue(other.contentType().startsWith("application/problem+json"));
        assertEquals(missing.asString().replace(missingId, "ID"), other.asString().replace(otherId, "ID"), otherPath);
        // and the committee does see it: the 404 above is isolation, not a wrong id
        assertEquals(200, call(admin, "GET", otherPath, null).statusCode(), otherPath);
    }

    @Test
    void anotherUnitsThingsByIdAnswerAsUnknownOnes() {
        sameAsMissing("/units/" + county.unitB, "/units/NO-SUCH-UNIT", county.unitB, "NO-SUCH-UNIT");
        sameAsMissing("/units/" + county.unitB + "/organizations", "/units/NO-SUCH-UNIT/organizations", county.unitB, "NO-SUCH-UNIT");
        sameAsMissing("/organizations/" + county.branchB, "/organizations/NO-SUCH-ORG", county.branchB, "NO-SUCH-ORG");
        sameAsMissing("/members/" + county.membersB.get(0), "/members/NO-SUCH-MEMBER", county.membersB.get(0), "NO-SUCH-MEMBER");
        sameAsMissing("/assessments/" + county.scoreB, "/assessments/NO-SUCH-SCORE", county.scoreB, "NO-SUCH-SCORE");
        sameAsMissing("/assessments/" + county.scoreB + "/history", "/assessments/NO-SUCH-SCORE/history", county.scoreB, "NO-SUCH-SCORE");
        sameAsMissing("/rectification-items/" + county.itemB, "/rectification-items/NO-SUCH-ITEM", county.itemB, "NO-SUCH-ITEM");
        // its own unit's, it does see
        assertEquals(200, call(secretary, "GET", "/units/" + county.unitA, null).statusCode());
        assertEquals(200, call(secretary, "GET", "/assessments/" + county.scoreA, null).statusCode());
        assertEquals(200, call(secretary, "GET", "/rectification-items/" + county.itemA, null).statusCode());
        assertEquals(200, call(secretary, "GET", "/members/" + county.membersA.get(0), null).statusCode());
    }

    @Test
    void listsHoldOnlyTheSecretarysOwnUnit() {
        for (String path : List.of("/units", "/members", "/assessments?period=2006-01", "/findings?period=2006-02", "/rectification-items",
                "/bonuses?year=2006")) {
            List<String> units = call(secretary, "GET", path, null).then().statusCode(200).extract().jsonPath().getList("unitCode", String.class);
            assertFalse(units.isEmpty(), path + " lists the secretary's own unit");
            assertTrue(units.stream().allMatch(county.unitA::equals), path + " lists another unit: " + units);
            assertTrue(call(admin, "GET", path, null).jsonPath().getList("unitCode", String.class).contains(county.unitB), path);
        }
        for (String path : List.of("/members?unitCode=" + county.unitB, "/assessments?unitCode=" + county.unitB,
                "/findings?unitCode=" + county.unitB, "/rectification-items?unitCode=" + county.unitB, "/bonuses?unitCode=" + county.unitB,
                "/study/completions?period=2006-04&unitCode=" + county.unitB,
                "/study/completions?period=2006-04&memberId=" + county.membersB.get(0))) {
            assertEquals(List.of(), call(secretary, "GET", path, null).then().statusCode(200).extract().jsonPath().getList("$"), path);
        }
        List<String> own = call(secretary, "GET", "/study/completions?period=2006-04&unitCode=" + county.unitA, null).then().statusCode(200)
                .extract().jsonPath().getList("memberId", String.class);
        assertEquals(county.membersA.stream().sorted().toList(), own.stream().distinct().sorted().toList());
    }

    @Test
    void aMemberReadsItsOwnStudyRecordOnly() {
        String self = county.membersA.get(0);
        String member = TestTokens.member(self, county.unitA);
        assertEquals(List.of(self), call(member, "GET", "/study/completions?period=2006-04&memberId=" + self, null).then().statusCode(200)
                .extract().jsonPath().getList("memberId", String.class));
        assertEquals(List.of(self), call(member, "GET", "/study/completions?period=2006-04", null).then().statusCode(200)
                .extract().jsonPath().getList("memberId", String.class));
        for (String other : List.of("memberId=" + county.membersA.get(1), "memberId=" + county.membersB.get(0), "unitCode=" + county.unitB)) {
            assertEquals(List.of(), call(member, "GET", "/study/completions?period=2006-04&" + other, null).then().statusCode(200)
                    .extract().jsonPath().getList("$"), other);
        }
        // a member has nothing else to read here
        assertEquals(403, call(member, "GET", "/members/" + self, null).statusCode());
        assertEquals(403, call(member, "GET", "/units", null).statusCode());
    }

    @Test
    void writesNamingAnotherUnitAreRefusedAsUnknownAndWriteNothing() {
        String before = Db.snapshot();
        long denied = SecureCounty.audits("DENIED");
        // path: another unit's rectification item is unknown (404), and stays open
        Response close = call(secretary, "POST", "/rectification-items/" + county.itemB + "/close", Map.of("evidence", "替别人销号"));
        assertEquals(404, close.statusCode(), close.asString());
        assertEquals(call(secretary, "POST", "/rectification-items/NO-SUCH-ITEM/close", Map.of("evidence", "x")).asString()
                .replace("NO-SUCH-ITEM", "ID"), close.asString().replace(county.itemB, "ID"));
        assertEquals("OPEN", call(admin, "GET", "/rectification-items/" + county.itemB, null).jsonPath().getString("status"));
        // body: another unit's member is an unknown member (400 naming memberId), like one that does not exist
        Response study = call(secretary, "POST", "/study/completions", Map.of("memberId", county.membersB.get(0),
                "activityType", "MONTHLY_DISCUSSION", "date", "2006-04-20"));
        assertEquals(400, study.statusCode(), study.asString());
        assertEquals("memberId", study.jsonPath().getString("violations[0].field"));
        assertTrue(study.jsonPath().getString("violations[0].reason").startsWith("未知党员"), study.asString());
        // body: a roster naming another unit reads it as an unknown unit; a row taking another unit's member is refused
        Response roster = call(secretary, "POST", "/members/import", "memberId,unitCode,name,rank,role\nM-ISO-1," + county.unitB
                + ",张三,SECTION_OR_BELOW,MEMBER\n", "text/csv; charset=UTF-8");
        assertEquals(400, roster.statusCode(), roster.asString());
        assertEquals("unitCode", roster.jsonPath().getString("violations[0].field"));
        assertEquals("未知单位: " + county.unitB, roster.jsonPath().getString("violations[0].reason"));
        Response takeOver = call(secretary, "POST", "/members/import", "memberId,unitCode,name,rank,role\n" + county.membersB.get(1) + ","
                + county.unitA + ",挖来的党员,SECTION_OR_BELOW,MEMBER\n", "text/csv; charset=UTF-8");
        assertEquals(400, takeOver.statusCode(), takeOver.asString());
        assertEquals("memberId", takeOver.jsonPath().getString("violations[0].field"));
        // a member cannot write at all
        assertEquals(403, call(TestTokens.member(county.membersA.get(0), county.unitA), "POST", "/study/completions",
                Map.of("memberId", county.membersA.get(0), "activityType", "MONTHLY_DISCUSSION", "date", "2006-04-21")).statusCode());
        assertEquals(before, Db.snapshot(), "a refused write wrote something");
        SecureCounty.awaitAudits("DENIED", denied + 1);
        // within its own unit, the same secretary is allowed
        call(secretary, "POST", "/study/completions", Map.of("memberId", county.membersA.get(1), "activityType", "MONTHLY_DISCUSSION",
                "date", "2006-04-20")).then().statusCode(201);
        call(secretary, "POST", "/rectification-items/" + county.itemA + "/close", Map.of("evidence", "已补齐记录")).then().statusCode(200);
    }
}
