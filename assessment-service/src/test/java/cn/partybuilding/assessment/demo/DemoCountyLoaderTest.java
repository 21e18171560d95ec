package cn.partybuilding.assessment.demo;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo county as the local stack gets it, loaded here on PostgreSQL (the only test that uses the year 2026). */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class DemoCountyLoaderTest {
    @Inject
    DemoCountyLoader loader;

    @Test
    void theDemoCountyIsRealisticAndComplete() {
        DemoCountyLoader.Summary summary = loader.load();
        System.out.printf("[demo county] loaded in %,d ms on PostgreSQL: %s%n", summary.millis(), summary);

        assertTrue(summary.units() >= 36);
        assertTrue(summary.members() >= 1200, "members " + summary.members());
        assertEquals(summary.units(), Db.count("select count(*) from unit where unit_code like 'U0%'"));
        assertEquals(0, Db.count("select count(*) from (select u.unit_code from unit u left join member m on m.unit_code = u.unit_code"
                + " and m.member_role = 'SECRETARY' where u.unit_code like 'U0%' group by u.unit_code having count(m.member_id) <> 1) x"));
        assertEquals(0, Db.count("select count(*) from (select u.unit_code from unit u left join member m on m.unit_code = u.unit_code"
                + " and m.member_role = 'PRINCIPAL_LEADER' where u.unit_code like 'U0%' group by u.unit_code having count(m.member_id) <> 1) x"));
        assertTrue(Db.count("select count(*) from member where member_rank = 'DEPUTY_DIVISION_OR_ABOVE' and unit_code like 'U0%'") >= summary.units() * 2L);
        given().get("/units/U001").then().body("name", equalTo("县委办公室"));

        given().get("/indicator-systems/2026").then().statusCode(200).body("dimensions", hasSize(6))
                .body("dimensions.weight", equalTo(List.of(25.0f, 25.0f, 20.0f, 10.0f, 10.0f, 10.0f)))
                .body("dimensions.indicators.flatten().findAll { it.kind == 'STUDY_RATE' }", hasSize(1))
                .body("dimensions.indicators.flatten().findAll { it.kind == 'EXAM_PASS_RATE' }", hasSize(1))
                .body("dimensions.indicators.flatten().findAll { it.kind == 'PLATFORM_POINTS' }", hasSize(1));

        long unitsScoredInOctober = Db.count("select count(distinct unit_code) from assessment where period = '2026-10'");
        assertEquals(summary.units() - 2, unitsScoredInOctober);
        assertEquals(summary.units(), Db.count("select count(distinct unit_code) from assessment where period = '2026-08'"));
        assertTrue(summary.failedExams() > 0 && summary.failedExams() < summary.exams() / 4, "a few exam failures");
        assertTrue(summary.completions() > 20000, "completions " + summary.completions());
        given().get("/periods/2026-08").then().body("locked", equalTo(true));
        given().get("/periods/2026-09").then().body("locked", equalTo(true));
        // locked too: a month is published only once locked (frozen months); the local stack publishes it
        given().get("/periods/2026-10").then().body("locked", equalTo(true));
        assertEquals(1, Db.count("select count(*) from rectification_item where status = 'OVERDUE' and unit_code like 'U0%'"));
        assertEquals(1, Db.count("select count(*) from rectification_item where status = 'CLOSED' and unit_code like 'U0%'"));
        // the ledger in every state: one waiting for the committee, one returned with its reason and OPEN again
        assertEquals(1, Db.count("select count(*) from rectification_item where status = 'SUBMITTED' and unit_code like 'U0%'"));
        assertEquals(1, Db.count("select count(*) from rectification_item where status = 'OPEN' and return_reason is not null and unit_code like 'U0%'"));
        given().queryParam("unitCode", "U001").queryParam("year", 2026).get("/bonuses").then()
                .body("points", equalTo(List.of(3.0f, 2.0f)));
        // completion rates vary between units
        long min = Db.count("select min(c) from (select count(*) c from study_completion where unit_code like 'U0%' and completed_on between '2026-10-01' and '2026-10-31' group by unit_code) x");
        long max = Db.count("select max(c) from (select count(*) c from study_completion where unit_code like 'U0%' and completed_on between '2026-10-01' and '2026-10-31' group by unit_code) x");
        assertTrue(max > min);
        // issue 16.1: each branch's meeting and the leaders' 理论中心组学习 every month, attendance as the meetings' completions
        assertEquals(summary.meetings(), Db.count("select count(*) from meeting where unit_code like 'U0%'"));
        assertEquals(summary.units() * 3L, Db.count("select count(*) from meeting where unit_code like 'U0%' and kind = 'CENTRAL_GROUP_STUDY'"));
        assertEquals(Db.count("select count(*) from meeting_attendance a join meeting m using (meeting_id) where m.unit_code like 'U0%' and a.present"),
                Db.count("select count(*) from study_completion where meeting_id is not null and unit_code like 'U0%'"));
        assertTrue(Db.count("select count(*) from meeting_attendance where not present and absence_reason is not null") > 0);
        given().queryParam("period", "2026-10").queryParam("unitCode", "U001").get("/meetings").then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.hasItems("CENTRAL_GROUP_STUDY", "PARTY_LECTURE"));
    }
}
