package cn.partybuilding.assessment.period;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.eventing.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class PeriodLockTest {
    private static final int YEAR = 2023;

    @Test
    void aLockedMonthRefusesWritesUntilReopenedWithAReason() {
        Fixtures.defineSystem(YEAR);
        String unit = Fixtures.unit("县住房和城乡建设局");
        String id = Fixtures.score(unit, "P1", YEAR + "-05", 50).statusCode(201).extract().path("assessmentId");
        post("/periods/" + YEAR + "-05/lock", Map.of("by", "工委办公室")).statusCode(200).body("locked", equalTo(true));

        String before = Db.snapshot();
        Fixtures.score(unit, "D1", YEAR + "-05", 40).statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period"));
        post("/assessments/" + id + "/corrections", Map.of("score", 40, "reason", "复核", "assessor", "复核组")).statusCode(409)
                .body("violations[0].field", equalTo("period"));
        post("/periods/" + YEAR + "-05/lock", Map.of()).statusCode(409);
        post("/periods/" + YEAR + "-05/reopen", Map.of("by", "工委办公室")).statusCode(400).body("violations[0].field", equalTo("reason"));
        assertEquals(before, Db.snapshot());

        post("/periods/" + YEAR + "-05/reopen", Map.of("reason", "县纪委反馈情况需更正", "by", "工委办公室")).statusCode(200)
                .body("locked", equalTo(false));
        post("/assessments/" + id + "/corrections", Map.of("score", 40, "reason", "复核", "assessor", "复核组")).statusCode(201);
        given().get("/periods/" + YEAR + "-05").then().body("history", hasSize(2))
                .body("history[1].action", equalTo("REOPENED")).body("history[1].reason", equalTo("县纪委反馈情况需更正"));
    }

    /**
     * Frozen months (issue 12.2): every way of writing a month's figures is refused while it is locked — scores,
     * corrections, findings, bonuses, and each member's study records (completions, exam results, 学习强国 points, single
     * and in batches) — with a 409 problem+json naming the field, and nothing is written; a reopen needs a real reason.
     */
    @Test
    void everyWriteOfALockedMonthIsRefusedAndNothingIsWritten() {
        int year = 2022;
        String month = year + "-04";
        Fixtures.defineSystem(year);
        Fixtures.Unit unit = Fixtures.unitWithMembers("县统计局", 2);
        String member = unit.memberIds().get(0);
        String id = Fixtures.score(unit.code(), "P1", month, 50).statusCode(201).extract().path("assessmentId");
        post("/periods/" + month + "/lock", Map.of("by", "工委办公室")).statusCode(200);
        String before = Db.snapshot();

        Map<String, Map<String, Object>> writes = new java.util.LinkedHashMap<>();
        writes.put("/assessments", Map.of("unitCode", unit.code(), "indicatorCode", "D1", "period", month, "score", 40,
                "assessor", "工委考核组", "evidence", "会议记录"));
        writes.put("/assessments/" + id + "/corrections", Map.of("score", 40, "reason", "复核", "assessor", "复核组"));
        writes.put("/findings", Map.of("unitCode", unit.code(), "period", month, "deductionPoints", 1, "source", "督查", "description", "记录不全"));
        writes.put("/bonuses", Map.of("unitCode", unit.code(), "period", month, "points", 1, "reason", "市级表彰"));
        writes.put("/study/completions/batch", Map.of("period", month, "completions",
                List.of(Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", month + "-04"))));
        writes.put("/study/exam-results/batch", Map.of("period", month, "results",
                List.of(Map.of("memberId", member, "examId", month + "-theory", "date", month + "-20", "score", 80))));
        writes.put("/study/platform-points/batch", Map.of("period", month, "points",
                List.of(Map.of("memberId", member, "date", month + "-09", "points", 30))));
        writes.forEach((path, body) -> post(path, body).statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period")));
        Map<String, Map<String, Object>> single = new java.util.LinkedHashMap<>();
        single.put("/study/completions", Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", month + "-04"));
        single.put("/study/exam-results", Map.of("memberId", member, "examId", month + "-theory", "date", month + "-20", "score", 80));
        single.put("/study/platform-points", Map.of("memberId", member, "date", month + "-09", "points", 30));
        single.forEach((path, body) -> post(path, body).statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("date")).body("detail", org.hamcrest.Matchers.containsString("已锁定")));
        post("/periods/" + month + "/reopen", Map.of("reason", "   ", "by", "工委办公室")).statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        assertEquals(before, Db.snapshot());
    }

    @Inject
    PeriodService periods;

    @Test
    void aLockWaitsForAWriteInFlightSoNoWriteLandsInALockedMonth() throws Exception {
        String period = YEAR + "-09";
        CountDownLatch writerInside = new CountDownLatch(1);
        AtomicBoolean writerCommitted = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            QuarkusTransaction.requiringNew().run(() -> {
                periods.requireOpen("period", period);   // what every write does before it writes
                writerInside.countDown();
                try {
                    Thread.sleep(1500);                   // the write takes a while
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writerCommitted.set(true);
        });
        writer.start();
        assertTrue(writerInside.await(10, TimeUnit.SECONDS));
        periods.lock(period, "工委");
        assertTrue(writerCommitted.get(), "the lock was taken while a write to the month was still in flight");
        writer.join();
        assertThrows(ProblemException.class, () -> QuarkusTransaction.requiringNew().run(() -> periods.requireOpen("period", period)));
    }

    @Test
    void reopeningAnOpenMonthIsAConflict() {
        post("/periods/" + YEAR + "-02/reopen", Map.of("reason", "x")).statusCode(409).contentType("application/problem+json");
    }
}
