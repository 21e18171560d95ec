package cn.partybuilding.assessment.organisation;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class OrganisationRegistryTest {

    @Test
    void unitOrganisationTreeAndMembersCanBeRegisteredAndRead() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县财政局", 3);
        String group = post("/organizations", Map.of("unitCode", unit.code(), "kind", "GROUP", "parentId", unit.branchId(), "name", "第一党小组"))
                .statusCode(201).extract().path("organizationId");

        given().get("/units/" + unit.code()).then().statusCode(200).body("name", equalTo("县财政局"));
        given().get("/units/" + unit.code() + "/organizations").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].kind", equalTo("ORGANS_COMMITTEE"))
                .body("[0].children[0].kind", equalTo("BRANCH"))
                .body("[0].children[0].children[0].organizationId", equalTo(group));
        given().queryParam("unitCode", unit.code()).get("/members").then().statusCode(200).body("", hasSize(3));
        given().queryParam("unitCode", unit.code()).queryParam("role", "SECRETARY").get("/members").then().statusCode(200)
                .body("", hasSize(1)).body("[0].memberId", equalTo(unit.memberIds().get(0)));
        given().queryParam("unitCode", unit.code()).queryParam("rank", "DEPUTY_DIVISION_OR_ABOVE").get("/members").then()
                .body("memberId", hasItems(unit.memberIds().get(1)));
    }

    @Test
    void memberLeavingIsAnUpdateWithActiveFalse() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县审计局", 1);
        String id = unit.memberIds().get(0);
        Fixtures.put("/members/" + id, Map.of("unitCode", unit.code(), "organizationId", unit.branchId(), "name", "党员0",
                "rank", "SECTION_OR_BELOW", "role", "SECRETARY", "active", false)).statusCode(200).body("active", equalTo(false));
        given().queryParam("unitCode", unit.code()).queryParam("active", true).get("/members").then().body("", hasSize(0));
    }

    @Test
    void aGroupNeedsABranchAsParent() {
        String unit = Fixtures.unit("县统计局");
        String before = Db.snapshot();
        post("/organizations", Map.of("unitCode", unit, "kind", "GROUP", "name", "孤立党小组")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("parentId"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void aDuplicateUnitCodeIsAConflict() {
        String unit = Fixtures.unit("县林业局");
        post("/units", Map.of("unitCode", unit, "name", "另一个单位")).statusCode(409)
                .contentType("application/problem+json").body("violations[0].field", equalTo("unitCode"));
    }

    @Test
    void csvImportRegistersEveryRowAndUpdatesKnownMembers() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县商务局", 1);
        String known = unit.memberIds().get(0);
        String a = Fixtures.code("M");
        String b = Fixtures.code("M");
        String csv = "memberId,unitCode,organizationId,name,rank,role,email\n"
                + a + "," + unit.code() + "," + unit.branchId() + ",王建国,DEPUTY_DIVISION_OR_ABOVE,PRINCIPAL_LEADER,wjg@example.cn\n"
                + b + "," + unit.code() + ",,\"李, 秀英\",SECTION_OR_BELOW,MEMBER,\n"
                + known + "," + unit.code() + "," + unit.branchId() + ",党员0,SECTION_OR_BELOW,COMMITTEE_MEMBER,\n";
        given().contentType("text/csv; charset=UTF-8").body(csv).post("/members/import").then().statusCode(200)
                .body("rows", equalTo(3)).body("registered", equalTo(2)).body("updated", equalTo(1));
        given().get("/members/" + b).then().statusCode(200).body("name", equalTo("李, 秀英")).body("organizationId", equalTo(null));
        given().get("/members/" + known).then().body("role", equalTo("COMMITTEE_MEMBER"));
    }

    @Test
    void aRosterSavedByExcelInGbkIsReadWhenTheCharsetIsNamed() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县农业农村局", 1);
        String id = Fixtures.code("M");
        String csv = "memberId,unitCode,name,rank,role\r\n" + id + "," + unit.code() + ",欧阳晓燕,OTHER,MEMBER\r\n";
        given().contentType("text/csv; charset=GBK").body(csv.getBytes(java.nio.charset.Charset.forName("GBK")))
                .post("/members/import").then().statusCode(200).body("registered", equalTo(1));
        given().get("/members/" + id).then().body("name", equalTo("欧阳晓燕"));
    }

    @Test
    void csvImportWithBadRowsRefusesEverythingAndListsEachRow() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县水利局", 1);
        String good = Fixtures.code("M");
        String dup = Fixtures.code("M");
        String csv = "memberId,unitCode,organizationId,name,rank,role,email\n"
                + good + "," + unit.code() + ",,张三,SECTION_OR_BELOW,MEMBER,\n"          // line 2: fine
                + dup + ",NO-SUCH-UNIT,,李四,SECTION_OR_BELOW,MEMBER,\n"                 // line 3: unknown unit
                + dup + "," + unit.code() + ",,李四,CHIEF,MEMBER,not-an-email\n"          // line 4: rank, email, duplicate id
                + Fixtures.code("M") + "," + unit.code() + ",,,SECTION_OR_BELOW,MEMBER,\n"; // line 5: name missing
        String before = Db.snapshot();
        given().contentType("text/csv; charset=UTF-8").body(csv).post("/members/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("未导入"))
                .body("violations.findAll { it.row == 3 }.field", hasItem("unitCode"))
                .body("violations.findAll { it.row == 4 }.field", hasItems("rank", "email", "memberId"))
                .body("violations.findAll { it.row == 5 }.field", hasItem("name"))
                .body("violations.findAll { it.row == 2 }", hasSize(0));
        assertEquals(before, Db.snapshot());
        given().get("/members/" + good).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aQuoteNeverClosedRefusesTheFileNamingItsLineInsteadOfSwallowingTheRest() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县信访局", 1);
        String first = Fixtures.code("M");
        String second = Fixtures.code("M");
        String csv = "memberId,unitCode,name,rank,role\n"
                + first + "," + unit.code() + ",张三,SECTION_OR_BELOW,MEMBER\n"            // line 2: fine
                + second + "," + unit.code() + ",\"李四,SECTION_OR_BELOW,MEMBER\n"        // line 3: the quote is never closed
                + Fixtures.code("M") + "," + unit.code() + ",王五,OTHER,MEMBER\n";
        String before = Db.snapshot();
        given().contentType("text/csv; charset=UTF-8").body(csv).post("/members/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("第 3 行"))
                .body("detail", containsString("未导入"))
                .body("violations", hasSize(1))
                .body("violations[0].row", equalTo(3))
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].reason", containsString("引号"));
        assertEquals(before, Db.snapshot());
        given().get("/members/" + first).then().statusCode(404);
    }
}
