package cn.partybuilding.assessment.organisation;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member's changes carry the day they took effect and the member's revision (issues 12.3, 13.14), over REST and in the
 * CSV import, and in the events they publish.
 */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class MemberHistoryTest {
    private static Map<String, Object> member(String unit, String branch, String effectiveFrom) {
        Map<String, Object> m = new HashMap<>(Map.of("unitCode", unit, "organizationId", branch, "name", "调动党员",
                "rank", "SECTION_OR_BELOW", "role", "MEMBER"));
        if (effectiveFrom != null) {
            m.put("effectiveFrom", effectiveFrom);
        }
        return m;
    }

    private static long eventsWith(String memberId, String... fragments) {
        StringBuilder sql = new StringBuilder("select count(*) from outbox_event where payload like ?");
        Object[] args = new Object[fragments.length + 1];
        args[0] = "%\"" + memberId + "\"%";
        for (int i = 0; i < fragments.length; i++) {
            sql.append(" and payload like ?");
            args[i + 1] = "%" + fragments[i] + "%";
        }
        return Db.count(sql.toString(), args);
    }

    @Test
    void everyChangeIsANewRevisionFromItsEffectiveDate() {
        Fixtures.Unit from = Fixtures.unitWithMembers("县水利局", 0);
        Fixtures.Unit to = Fixtures.unitWithMembers("县交通局", 0);
        String id = Fixtures.code("M");
        Map<String, Object> joined = member(from.code(), from.branchId(), "2026-03-01");
        joined.put("memberId", id);
        Fixtures.post("/members", joined).statusCode(201).body("effectiveFrom", equalTo("2026-03-01")).body("revision", equalTo(1));

        Fixtures.put("/members/" + id, member(to.code(), to.branchId(), "2026-06-15")).statusCode(200)
                .body("unitCode", equalTo(to.code())).body("effectiveFrom", equalTo("2026-06-15")).body("revision", equalTo(2));
        // the same facts again, another date: nothing changed, no new revision
        Fixtures.put("/members/" + id, member(to.code(), to.branchId(), "2026-07-01")).statusCode(200).body("revision", equalTo(2))
                .body("effectiveFrom", equalTo("2026-06-15"));
        // no date: the day of the change in the county's zone
        Map<String, Object> left = member(to.code(), to.branchId(), null);
        left.put("active", false);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Fixtures.put("/members/" + id, left).statusCode(200).body("revision", equalTo(3)).body("effectiveFrom", equalTo(today));

        assertEquals(1, eventsWith(id, "member.registered", "\"revision\":1", "\"effectiveFrom\":\"2026-03-01\""));
        assertEquals(1, eventsWith(id, "member.updated", "\"revision\":2", "\"effectiveFrom\":\"2026-06-15\"", "\"unitCode\":\"" + to.code() + "\""));
        assertEquals(1, eventsWith(id, "member.updated", "\"revision\":3", "\"effectiveFrom\":\"" + today + "\"", "\"active\":false"));
    }

    @Test
    void anEffectiveDateInTheFutureOrBeforeTheLastChangeIsRefusedAndNothingWritten() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县人社局", 0);
        String id = Fixtures.code("M");
        Map<String, Object> joined = member(unit.code(), unit.branchId(), LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString());
        joined.put("memberId", id);
        String before = Db.snapshot();
        Fixtures.post("/members", joined).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("effectiveFrom")).body("detail", containsString("生效日期不能晚于今天"));
        assertEquals(before, Db.snapshot());

        joined.put("effectiveFrom", "2026-05-01");
        Fixtures.post("/members", joined).statusCode(201);
        Map<String, Object> moved = member(unit.code(), unit.committeeId(), "2026-04-30");
        before = Db.snapshot();
        Fixtures.put("/members/" + id, moved).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("effectiveFrom")).body("detail", containsString("不能早于该党员上次变动的生效日期 2026-05-01"));
        assertEquals(before, Db.snapshot());
        given().get("/members/" + id).then().body("organizationId", equalTo(unit.branchId())).body("revision", equalTo(1));
    }

    @Test
    void theCsvImportTakesAnEffectiveDatePerRow() {
        Fixtures.Unit unit = Fixtures.unitWithMembers("县医保局", 0);
        String a = Fixtures.code("M");
        String b = Fixtures.code("M");
        String csv = "memberId,unitCode,name,rank,role,effectiveFrom\n"
                + a + "," + unit.code() + ",孙立,SECTION_OR_BELOW,MEMBER,2026-02-01\n"
                + b + "," + unit.code() + ",周正,SECTION_OR_BELOW,MEMBER,\n";
        given().contentType("text/csv; charset=UTF-8").body(csv).post("/members/import").then().statusCode(200).body("registered", equalTo(2));
        given().get("/members/" + a).then().body("effectiveFrom", equalTo("2026-02-01")).body("revision", equalTo(1));
        given().get("/members/" + b).then().body("effectiveFrom", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));

        String bad = "memberId,unitCode,name,rank,role,active,effectiveFrom\n"
                + a + "," + unit.code() + ",孙立,SECTION_OR_BELOW,MEMBER,false,2026-01-15\n"
                + b + "," + unit.code() + ",周正,SECTION_OR_BELOW,MEMBER,false,2026/10/01\n";
        String before = Db.snapshot();
        given().contentType("text/csv; charset=UTF-8").body(bad).post("/members/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.find { it.row == 2 }.reason", containsString("不能早于该党员上次变动的生效日期 2026-02-01"))
                .body("violations.find { it.row == 3 }.reason", containsString("日期无效: 2026/10/01"));
        assertEquals(before, Db.snapshot());
    }
}
