package cn.partybuilding.assessment.organisation;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-importing a roster (absent column = unchanged, empty cell = clear where allowed) and the file's charset. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class RosterImportTest {

    /** A request whose Content-Type is exactly what the test says: RestAssured would otherwise add charset=ISO-8859-1. */
    private static RequestSpecification send(String contentType, byte[] body) {
        return given().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body);
    }

    private static RequestSpecification utf8WithoutCharset(String csv) {
        return send("text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static long memberUpdatedEvents(String memberId) {
        return Db.count("select count(*) from outbox_event where payload like ? and payload like ?",
                "%member.updated%", "%\"" + memberId + "\"%");
    }

    @Test
    void reImportingWithTheRequiredColumnsOnlyKeepsEmailsBranchesAndLeavers() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县自然资源局", 0);
        String stays = Fixtures.code("M");
        String left = Fixtures.code("M");
        String full = "memberId,unitCode,organizationId,name,rank,role,email,active\n"
                + stays + "," + unit.code() + "," + unit.branchId() + ",赵敏,SECTION_OR_BELOW,MEMBER,zm@example.cn,true\n"
                + left + "," + unit.code() + "," + unit.branchId() + ",钱进,OTHER,MEMBER,qj@example.cn,false\n";
        given().contentType("text/csv; charset=UTF-8").body(full).post("/members/import").then().statusCode(200)
                .body("registered", equalTo(2));

        String requiredOnly = "memberId,unitCode,name,rank,role\n"
                + stays + "," + unit.code() + ",赵敏,SECTION_OR_BELOW,MEMBER\n"
                + left + "," + unit.code() + ",钱进,OTHER,MEMBER\n";
        given().contentType("text/csv; charset=UTF-8").body(requiredOnly).post("/members/import").then().statusCode(200)
                .body("rows", equalTo(2)).body("updated", equalTo(0)).body("unchanged", equalTo(2));

        given().get("/members/" + stays).then().statusCode(200)
                .body("email", equalTo("zm@example.cn")).body("organizationId", equalTo(unit.branchId())).body("active", equalTo(true));
        given().get("/members/" + left).then().statusCode(200)
                .body("email", equalTo("qj@example.cn")).body("organizationId", equalTo(unit.branchId())).body("active", equalTo(false));
        assertEquals(0, memberUpdatedEvents(stays));
        assertEquals(0, memberUpdatedEvents(left));
    }

    @Test
    void anEmptyCellClearsEmailAndBranchAndAChangedRowPublishesOneUpdate() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县交通运输局", 0);
        String id = Fixtures.code("M");
        utf8WithoutCharset("memberId,unitCode,organizationId,name,rank,role,email\n"
                        + id + "," + unit.code() + "," + unit.branchId() + ",孙莉,OTHER,MEMBER,sl@example.cn\n")
                .post("/members/import").then().statusCode(200).body("registered", equalTo(1));

        utf8WithoutCharset("memberId,unitCode,organizationId,name,rank,role,email\n"
                        + id + "," + unit.code() + ",,孙莉,OTHER,MEMBER,\n")
                .post("/members/import").then().statusCode(200).body("updated", equalTo(1));

        given().get("/members/" + id).then().body("name", equalTo("孙莉")).body("email", equalTo(null)).body("organizationId", equalTo(null))
                .body("active", equalTo(true));
        assertEquals(1, memberUpdatedEvents(id));
    }

    @Test
    void anEmptyActiveCellIsRefusedNamingRowAndColumn() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县住房和城乡建设局", 1);
        String known = unit.memberIds().get(0);
        String before = Db.snapshot();
        utf8WithoutCharset("memberId,unitCode,name,rank,role,active\n"
                        + Fixtures.code("M") + "," + unit.code() + ",周强,OTHER,MEMBER,true\n"
                        + known + "," + unit.code() + ",党员0,SECTION_OR_BELOW,SECRETARY,\n")
                .post("/members/import").then().statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].row", equalTo(3))
                .body("violations[0].field", equalTo("active"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void movingAMemberToAnotherUnitWithoutNamingABranchIsRefusedBecauseTheOldBranchStays() {
        Fixtures.Unit from = Fixtures.unitWithMembers("县民政局", 1);
        Fixtures.Unit to = Fixtures.unitWithMembers("县司法局", 0);
        String id = from.memberIds().get(0);
        String before = Db.snapshot();
        utf8WithoutCharset("memberId,unitCode,name,rank,role\n"
                        + id + "," + to.code() + ",党员0,SECTION_OR_BELOW,SECRETARY\n")
                .post("/members/import").then().statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].row", equalTo(2))
                .body("violations[0].field", equalTo("organizationId"))
                .body("violations[0].reason", containsString(from.branchId()));
        assertEquals(before, Db.snapshot());
        given().get("/members/" + id).then().body("unitCode", equalTo(from.code()));
    }

    @Test
    void aGbkFileSentWithoutCharsetIsRefusedAndWithCharsetGbkImported() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县卫生健康局", 0);
        String id = Fixtures.code("M");
        byte[] gbk = ("memberId,unitCode,name,rank,role\r\n" + id + "," + unit.code() + ",张晓梅,OTHER,MEMBER\r\n")
                .getBytes(Charset.forName("GBK"));
        String before = Db.snapshot();
        send("text/csv", gbk).post("/members/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("UTF-8"))
                .body("detail", containsString("charset=GBK"))
                .body("violations[0].field", equalTo("Content-Type"));
        assertEquals(before, Db.snapshot());
        given().get("/members/" + id).then().statusCode(404);

        send("text/csv; charset=GBK", gbk).post("/members/import").then().statusCode(200)
                .body("registered", equalTo(1));
        given().get("/members/" + id).then().body("name", equalTo("张晓梅"));
    }
}
