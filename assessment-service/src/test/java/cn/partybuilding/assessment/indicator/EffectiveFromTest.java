package cn.partybuilding.assessment.indicator;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static cn.partybuilding.assessment.support.Fixtures.put;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each version of a year's indicator system applies from a month on (issue 12 item 1): a score is given under the version
 * in force for its month, and a version may not start at a month whose figures are recorded (scored or locked). Years
 * 2018, 2012, 2014 and 2011, which no other test uses.
 */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class EffectiveFromTest {
    private static final int YEAR = 2018;

    /** The standard system with D4 (manual, 20) beside D1 (now 30): an indicator that only version 2 has. */
    static Map<String, Object> withD4(String effectiveFrom) {
        Map<String, Object> system = new HashMap<>(Fixtures.system(70, 30));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dimensions = new ArrayList<>((List<Map<String, Object>>) system.get("dimensions"));
        dimensions.set(1, Map.of("code", "DISCIPLINE", "name", "纪律建设", "weight", 30, "indicators", List.of(
                Map.of("code", "D1", "name", "廉政教育", "maxPoints", 30, "kind", "MANUAL"),
                Map.of("code", "D4", "name", "警示教育", "maxPoints", 20, "kind", "MANUAL"),
                Map.of("code", "D2", "name", "理论考试通过率", "maxPoints", 30, "kind", "EXAM_PASS_RATE"),
                Map.of("code", "D3", "name", "学习强国积分", "maxPoints", 20, "kind", "PLATFORM_POINTS", "platformPointsTarget", 600))));
        system.put("dimensions", dimensions);
        if (effectiveFrom != null) {
            system.put("effectiveFrom", effectiveFrom);
        }
        return system;
    }

    @Test
    void aScoreIsGivenUnderTheVersionInForceForItsMonth() {
        put("/indicator-systems/" + YEAR, Fixtures.system(60, 40)).statusCode(200).body("version", equalTo(1));
        String unit = Fixtures.unit("县审计局");
        Fixtures.score(unit, "P1", YEAR + "-03", 50).statusCode(201).body("systemVersion", equalTo(1));
        put("/indicator-systems/" + YEAR, withD4(YEAR + "-06")).statusCode(200).body("version", equalTo(2));

        // May is still under version 1: D4 does not exist there, and P1 is scored under version 1
        String before = Db.snapshot();
        Fixtures.score(unit, "D4", YEAR + "-05", 10).statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("indicatorCode"))
                .body("violations[0].reason", equalTo("未知指标: D4（" + YEAR + "-05 适用 " + YEAR + " 年度第 1 版指标体系（自 " + YEAR
                        + "-01 起），其中没有该指标）"));
        assertEquals(before, Db.snapshot(), "nothing written");
        Fixtures.score(unit, "P1", YEAR + "-05", 55).statusCode(201).body("systemVersion", equalTo(1));
        // D1's maximum is 50 in version 1 and 30 in version 2
        Fixtures.score(unit, "D1", YEAR + "-05", 45).statusCode(201).body("systemVersion", equalTo(1));

        // from June on, version 2
        Fixtures.score(unit, "D4", YEAR + "-06", 18).statusCode(201).body("systemVersion", equalTo(2));
        Fixtures.score(unit, "D1", YEAR + "-07", 45).statusCode(400).body("violations[0].field", equalTo("score"));

        // each version says from when it applies, and so does its event
        given().get("/indicator-systems/" + YEAR + "/versions/1").then().body("effectiveFrom", equalTo(YEAR + "-01"));
        given().get("/indicator-systems/" + YEAR).then().body("version", equalTo(2)).body("effectiveFrom", equalTo(YEAR + "-06"));
        given().get("/indicator-systems/" + YEAR + "/versions").then().statusCode(200)
                .body("effectiveFrom", equalTo(List.of(YEAR + "-01", YEAR + "-06")));
        assertEquals(1, Db.count("select count(*) from outbox_event where payload like ? and payload like ?",
                "%indicator-system.published%", "%\"effectiveFrom\":\"" + YEAR + "-06\"%"), "the event says from when it applies");
    }

    @Test
    void aVersionThatWouldChangeRecordedFiguresIsRefusedAndNothingIsWritten() {
        int year = YEAR - 6; // 2012: a year of its own within this class (in the past: scores of future months are refused)
        put("/indicator-systems/" + year, Fixtures.system(60, 40)).statusCode(200).body("effectiveFrom", equalTo(year + "-01"));
        String unit = Fixtures.unit("县统计局");
        Fixtures.score(unit, "P1", year + "-02", 50).statusCode(201);
        Fixtures.score(unit, "P1", year + "-04", 50).statusCode(201);
        post("/periods/" + year + "-07/lock", Map.of("by", "工委")).statusCode(200);
        String before = Db.snapshot();

        refused(year, withD4(year + "-13"), 400, "格式应为 YYYY-MM，收到 " + year + "-13");
        refused(year, withD4((year + 1) + "-07"), 400, "应为 " + year + " 年度内的月份，收到 " + (year + 1) + "-07");
        refused(year, withD4(year + "-03"), 409, year + "-04 已有评分，新版本自 " + year + "-03 起适用会改变已记录的分数；请改为自 "
                + year + "-08 起适用");
        refused(year, withD4(year + "-05"), 409, year + "-07 已锁定，新版本自 " + year + "-05 起适用会改变其考评结果；请先解锁，或改为自 "
                + year + "-08 起适用");
        assertEquals(before, Db.snapshot(), "nothing written");
        given().get("/indicator-systems/" + year).then().body("version", equalTo(1)).body("effectiveFrom", equalTo(year + "-01"));

        // not stated: the first month after the last scored or locked one
        put("/indicator-systems/" + year, withD4(null)).statusCode(200).body("version", equalTo(2)).body("effectiveFrom", equalTo(year + "-08"));
        // replaced before its first score: keeps its month unless another is stated, never before version 1's
        put("/indicator-systems/" + year, Fixtures.system(50, 50)).statusCode(200).body("version", equalTo(2))
                .body("effectiveFrom", equalTo(year + "-08"));
        put("/indicator-systems/" + year, Fixtures.system(50, 50)).statusCode(200).body("version", equalTo(2));
        Map<String, Object> september = new HashMap<>(Fixtures.system(50, 50));
        september.put("effectiveFrom", year + "-09");
        put("/indicator-systems/" + year, september).statusCode(200).body("version", equalTo(2)).body("effectiveFrom", equalTo(year + "-09"));
        Fixtures.score(unit, "P1", year + "-09", 40).statusCode(201).body("systemVersion", equalTo(2));
        Fixtures.score(unit, "P1", year + "-08", 40).statusCode(201).body("systemVersion", equalTo(1));
    }

    @Test
    void theFirstVersionOfAYearAppliesFromJanuary() {
        int year = YEAR - 4;
        Map<String, Object> march = new HashMap<>(Fixtures.system(60, 40));
        march.put("effectiveFrom", year + "-03");
        String before = Db.snapshot();
        refused(year, march, 400, "第 1 版须自 " + year + "-01 起适用（全年每个月都须有适用的指标体系），收到 " + year + "-03");
        assertEquals(before, Db.snapshot());
        given().get("/indicator-systems/" + year).then().statusCode(404);
    }

    @Inject
    IndicatorSystemService indicators;

    /** A score in flight holds the year's latest version FOR SHARE: a change of the system waits for its commit. */
    @Test
    void aChangeOfTheSystemWaitsForAScoreInFlight() throws Exception {
        int year = YEAR - 7; // 2011
        put("/indicator-systems/" + year, Fixtures.system(60, 40)).statusCode(200);
        CountDownLatch scoreInside = new CountDownLatch(1);
        AtomicBoolean scoreCommitted = new AtomicBoolean();
        Thread score = new Thread(() -> {
            QuarkusTransaction.requiringNew().run(() -> {
                indicators.lockForScoring(year);          // what a score does before it reads the version in force
                scoreInside.countDown();
                try {
                    Thread.sleep(1500);                   // the score takes a while
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            scoreCommitted.set(true);
        });
        score.start();
        assertTrue(scoreInside.await(10, TimeUnit.SECONDS));
        put("/indicator-systems/" + year, Fixtures.system(50, 50)).statusCode(200);
        assertTrue(scoreCommitted.get(), "the system changed while a score was still being given under it");
        score.join();
    }

    private static void refused(int year, Map<String, Object> system, int status, String reason) {
        put("/indicator-systems/" + year, system).statusCode(status).contentType("application/problem+json")
                .body("violations[0].field", equalTo("effectiveFrom"))
                .body("violations[0].reason", equalTo(reason))
                .body("detail", containsString(reason));
    }
}
