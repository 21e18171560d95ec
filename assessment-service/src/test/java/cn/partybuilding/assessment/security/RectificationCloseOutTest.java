package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.rectification.RectificationStatusJob;
import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.eventing.time.ClockProducer;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static cn.partybuilding.assessment.security.SecureCounty.call;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 销号 in two steps (issue 16.4), with real tokens: the unit's secretary submits close-out evidence, the committee
 * (admin or assessor) confirms it or returns it with a reason; the 整改提醒 and the 逾期通报 are announced once per item.
 * Year 2002.
 */
@QuarkusTest
class RectificationCloseOutTest {
    private static SecureCounty county;
    private String admin;
    private String secretary;

    @Inject
    RectificationStatusJob job;

    @BeforeEach
    void county() {
        if (county == null) {
            county = SecureCounty.build(2002);
        }
        admin = TestTokens.admin();
        secretary = TestTokens.secretary(county.unitA);
    }

    private static long events(String type, String itemId) {
        return Db.count("select count(*) from outbox_event where payload like ? and payload like ?",
                "%\"cn.partybuilding.rectification." + type + "\"%", "%" + itemId + "%");
    }

    private String raise(String unit, String period, LocalDate deadline) {
        return call(admin, "POST", "/findings", Map.of("unitCode", unit, "period", period, "deductionPoints", 1, "source", "巡察",
                "description", "支部会议记录缺失", "deadline", deadline.toString())).then().statusCode(201).extract().path("rectificationItemId");
    }

    @Test
    void theSecretarySubmitsAndTheCommitteeConfirmsOrReturnsWithAReason() {
        String item = raise(county.unitA, "2002-05", LocalDate.now(ClockProducer.ZONE).plusDays(30));
        String path = "/rectification-items/" + item;
        // bad inputs: problem+json naming the field, nothing written
        String before = Db.snapshot();
        call(secretary, "POST", path + "/close", Map.of()).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("evidence"));
        call(secretary, "POST", path + "/close", Map.of("evidence", "已补齐", "completedOn", LocalDate.now(ClockProducer.ZONE).plusDays(2).toString()))
                .then().statusCode(400).body("violations[0].field", equalTo("completedOn"));
        call(admin, "POST", path + "/confirm", null).then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("itemId"));
        call(admin, "POST", path + "/return", Map.of("reason", "x")).then().statusCode(409);
        // the committee cannot submit for the unit, the secretary cannot confirm its own evidence
        call(admin, "POST", path + "/close", Map.of("evidence", "代为销号")).then().statusCode(403);
        assertEquals(before, Db.snapshot());

        call(secretary, "POST", path + "/close", Map.of("evidence", "已补记2002年5月支部会议记录")).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("closedOn", nullValue());
        call(secretary, "POST", path + "/confirm", null).then().statusCode(403);
        call(secretary, "POST", path + "/close", Map.of("evidence", "again")).then().statusCode(409);
        String submitted = Db.snapshot();
        call(admin, "POST", path + "/return", Map.of()).then().statusCode(400).body("violations[0].field", equalTo("reason"));
        call(admin, "POST", path + "/return", Map.of("reason", " ")).then().statusCode(400).body("violations[0].field", equalTo("reason"));
        assertEquals(submitted, Db.snapshot());

        call(admin, "POST", path + "/return", Map.of("reason", "缺少参会人员签到表")).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("returnReason", equalTo("缺少参会人员签到表"));
        call(secretary, "GET", path, null).then().body("status", equalTo("OPEN")).body("returnReason", equalTo("缺少参会人员签到表"));
        call(secretary, "POST", path + "/close", Map.of("evidence", "已补齐签到表")).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        call(TestTokens.assessor(), "POST", path + "/confirm", null).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("closedOn", equalTo(LocalDate.now(ClockProducer.ZONE).toString())).body("returnReason", nullValue());
        call(admin, "POST", path + "/confirm", null).then().statusCode(409);

        assertEquals(2, events("submitted", item));
        assertEquals(1, events("returned", item));
        assertEquals(1, events("closed", item));
        assertEquals(4, Db.count("select count(*) from audit_record where outcome = 'ACCEPTED' and target_type = 'rectification-item' and target_id = ?", item),
                "submit, return, submit, confirm: each write audited");
    }

    @Test
    void anItemReturnedPastItsDeadlineIsOverdueAndAnnouncedOnce() {
        // a deadline already past: OVERDUE at once, the 逾期通报 announced
        String item = raise(county.unitA, "2002-06", LocalDate.of(2002, 7, 1));
        String path = "/rectification-items/" + item;
        call(admin, "GET", path, null).then().body("status", equalTo("OVERDUE"));
        assertEquals(1, events("overdue", item));
        call(secretary, "POST", path + "/close", Map.of("evidence", "已整改")).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        job.run(LocalDate.now(ClockProducer.ZONE));
        call(admin, "GET", path, null).then().body("status", equalTo("SUBMITTED"));
        call(admin, "POST", path + "/return", Map.of("reason", "佐证材料不全")).then().statusCode(200).body("status", equalTo("OVERDUE"));
        job.run(LocalDate.now(ClockProducer.ZONE).plusDays(1));
        assertEquals(1, events("overdue", item), "overdue once per item");
    }

    @Test
    void theReminderComesOnceWorkingDaysBeforeTheDeadline() {
        LocalDate today = LocalDate.now(ClockProducer.ZONE);
        String soon = raise(county.unitB, "2002-07", today.plusDays(2));
        String later = raise(county.unitB, "2002-07", today.plusDays(40));
        job.run(today.minusDays(30));
        assertEquals(0, events("due-soon", soon), "a month before: no reminder yet");
        job.run(today);
        job.run(today);
        job.run(today.plusDays(1));
        assertEquals(1, events("due-soon", soon), "reminded once however often the job runs");
        assertEquals(0, events("due-soon", later));
        assertEquals(1, Db.count("select count(*) from outbox_event where payload like ? and payload like '%\"remindWorkingDays\":3%'",
                "%" + soon + "%"));
    }
}
