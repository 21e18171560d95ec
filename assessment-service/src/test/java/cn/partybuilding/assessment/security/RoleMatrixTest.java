package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the service against every role, with real signed tokens: no token is 401, a role the matrix
 * forbids is 403 (and a refused write changes no table, the outbox included, and adds one DENIED audit record), a
 * role it allows gets through to the domain (2xx or the domain's own 4xx, never 401/403; an accepted write adds one
 * ACCEPTED audit record). The table is the README's role table.
 */
@QuarkusTest
class RoleMatrixTest {
    static final int YEAR = 2005;

    enum Role { ADMIN, ASSESSOR, AUDITOR, SECRETARY, MEMBER, PLATFORM }

    static final Set<Role> ADMIN = Set.of(Role.ADMIN);
    static final Set<Role> SCORERS = Set.of(Role.ADMIN, Role.ASSESSOR);
    static final Set<Role> READERS = Set.of(Role.ADMIN, Role.ASSESSOR, Role.AUDITOR, Role.SECRETARY);
    static final Set<Role> STUDY_READERS = Set.of(Role.ADMIN, Role.ASSESSOR, Role.AUDITOR, Role.SECRETARY, Role.MEMBER);
    static final Set<Role> COUNTY_WIDE = Set.of(Role.ADMIN, Role.ASSESSOR, Role.AUDITOR);
    static final Set<Role> BATCHES = Set.of(Role.ADMIN, Role.PLATFORM);
    static final Set<Role> UNIT_WRITERS = Set.of(Role.ADMIN, Role.SECRETARY);

    /** One operation: method, path, a body made fresh for each call (null: none), its media type, who may call it. */
    record Op(String method, String path, Supplier<Object> body, String contentType, Set<Role> allowed) {
        boolean write() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The operations this service has (55 with GET /audit); {@link OpenApiWalkTest} checks the document lists no fewer. */
    static List<Op> operations(SecureCounty c) {
        String y = Integer.toString(c.year);
        String a = c.unitA;
        String member = c.membersA.get(0);
        List<Op> ops = new ArrayList<>();
        String json = "application/json";
        // organisation
        ops.add(new Op("POST", "/units", () -> Map.of("unitCode", Fixtures.code("U"), "name", "县审计局", "category", "党政机关"), json, ADMIN));
        ops.add(new Op("PUT", "/units/" + a, () -> Map.of("name", "县财政局", "category", "党政机关"), json, ADMIN));
        ops.add(new Op("GET", "/units", null, json, READERS));
        ops.add(new Op("GET", "/units/" + a, null, json, READERS));
        ops.add(new Op("GET", "/units/" + a + "/organizations", null, json, READERS));
        ops.add(new Op("POST", "/organizations", () -> Map.of("unitCode", a, "kind", "BRANCH", "parentId", c.committeeA, "name", "第二党支部"), json, ADMIN));
        ops.add(new Op("GET", "/organizations/" + c.branchA, null, json, READERS));
        ops.add(new Op("POST", "/members", () -> Map.of("memberId", Fixtures.code("M"), "unitCode", a, "organizationId", c.branchA,
                "name", "新党员", "rank", "SECTION_OR_BELOW", "role", "MEMBER"), json, ADMIN));
        ops.add(new Op("PUT", "/members/" + member, () -> Map.of("unitCode", a, "organizationId", c.branchA, "name", "党员0",
                "rank", "SECTION_OR_BELOW", "role", "SECRETARY"), json, ADMIN));
        ops.add(new Op("GET", "/members/" + member, null, json, READERS));
        ops.add(new Op("GET", "/members?unitCode=" + a, null, json, READERS));
        ops.add(new Op("POST", "/members/import", () -> "memberId,unitCode,name,rank,role\n" + Fixtures.code("M") + "," + a
                + ",导入党员,SECTION_OR_BELOW,MEMBER\n", "text/csv; charset=UTF-8", UNIT_WRITERS));
        // indicator system
        ops.add(new Op("PUT", "/indicator-systems/" + y, () -> Fixtures.system(60, 40), json, ADMIN));
        ops.add(new Op("GET", "/indicator-systems/" + y, null, json, READERS));
        ops.add(new Op("GET", "/indicator-systems/" + y + "/versions", null, json, READERS));
        ops.add(new Op("GET", "/indicator-systems/" + y + "/versions/1", null, json, READERS));
        // periods
        ops.add(new Op("GET", "/periods", null, json, READERS));
        ops.add(new Op("GET", "/periods/" + y + "-03", null, json, READERS));
        ops.add(new Op("POST", "/periods/" + y + "-11/lock", () -> Map.of(), json, ADMIN));
        ops.add(new Op("POST", "/periods/" + y + "-11/reopen", () -> Map.of("reason", "更正"), json, ADMIN));
        // scores
        ops.add(new Op("POST", "/assessments", () -> Map.of("unitCode", a, "indicatorCode", "D1", "period", y + "-03", "score", 40,
                "evidence", "台账"), json, SCORERS));
        ops.add(new Op("POST", "/assessments/" + c.scoreA + "/corrections", () -> Map.of("score", 45, "reason", "复核"), json, SCORERS));
        ops.add(new Op("GET", "/assessments?unitCode=" + a, null, json, READERS));
        ops.add(new Op("GET", "/assessments/" + c.scoreA, null, json, READERS));
        ops.add(new Op("GET", "/assessments/" + c.scoreA + "/history", null, json, READERS));
        // findings and rectification
        ops.add(new Op("POST", "/findings", () -> Map.of("unitCode", a, "period", y + "-02", "deductionPoints", 1, "source", "督查",
                "description", "学习记录不全"), json, SCORERS));
        ops.add(new Op("GET", "/findings?unitCode=" + a, null, json, READERS));
        ops.add(new Op("GET", "/rectification-items?unitCode=" + a, null, json, READERS));
        ops.add(new Op("GET", "/rectification-items/" + c.itemA, null, json, READERS));
        // 销号 in two steps: the unit's secretary submits, the committee (admin, assessor) confirms or returns
        ops.add(new Op("POST", "/rectification-items/" + c.itemA + "/close", () -> Map.of("evidence", "已补齐记录"), json, Set.of(Role.SECRETARY)));
        ops.add(new Op("POST", "/rectification-items/" + c.itemA + "/confirm", null, json, SCORERS));
        ops.add(new Op("POST", "/rectification-items/" + c.itemA + "/return", () -> Map.of("reason", "佐证不全"), json, SCORERS));
        // 责任清单 (issue 16.3): kept by the unit's secretary and the committee; reopened by the committee only
        String duty = SecureCounty.call(TestTokens.admin(), "POST", "/responsibility-items", responsibilityItem(c, y + "-05-31")).then()
                .statusCode(201).extract().path("itemId");
        ops.add(new Op("POST", "/responsibility-items", () -> responsibilityItem(c, y + "-06-30"), json, UNIT_WRITERS));
        ops.add(new Op("GET", "/responsibility-items?unitCode=" + a, null, json, READERS));
        ops.add(new Op("GET", "/responsibility-items/" + duty, null, json, READERS));
        ops.add(new Op("PUT", "/responsibility-items/" + duty, () -> Map.of("dutyKind", "DUAL", "responsibleMemberId", member,
                "content", "履行一岗双责", "dueDate", y + "-05-31"), json, UNIT_WRITERS));
        ops.add(new Op("POST", "/responsibility-items/" + duty + "/check-off", () -> Map.of("evidence", "党组会议纪要"), json, UNIT_WRITERS));
        ops.add(new Op("POST", "/responsibility-items/" + duty + "/reopen", () -> Map.of("reason", "佐证不足"), json, ADMIN));
        // bonuses
        ops.add(new Op("POST", "/bonuses", () -> Map.of("unitCode", a, "period", y + "-03", "points", 0.5, "reason", "先进典型"), json, SCORERS));
        ops.add(new Op("GET", "/bonuses?unitCode=" + a, null, json, READERS));
        // study
        ops.add(new Op("POST", "/study/completions", () -> Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", y + "-04-05"),
                json, UNIT_WRITERS));
        ops.add(new Op("POST", "/study/completions/batch", () -> Map.of("period", y + "-04", "completions", List.of(Map.of("memberId", member,
                "activityType", "MONTHLY_DISCUSSION", "date", y + "-04-20"))), json, BATCHES));
        ops.add(new Op("POST", "/study/exam-results", () -> Map.of("memberId", member, "examId", y + "-H1", "date", y + "-04-10", "score", 80),
                json, ADMIN));
        ops.add(new Op("POST", "/study/exam-results/batch", () -> Map.of("period", y + "-04", "results", List.of(Map.of("memberId", member,
                "examId", y + "-H1-b", "date", y + "-04-11", "score", 70))), json, BATCHES));
        ops.add(new Op("POST", "/study/platform-points", () -> Map.of("memberId", member, "date", y + "-04-12", "points", 30), json, ADMIN));
        ops.add(new Op("POST", "/study/platform-points/batch", () -> Map.of("period", y + "-04", "points", List.of(Map.of("memberId", member,
                "date", y + "-04-13", "points", 35))), json, BATCHES));
        ops.add(new Op("GET", "/study/completions?period=" + y + "-04&memberId=" + member, null, json, STUDY_READERS));
        ops.add(new Op("GET", "/study/exam-results?period=" + y + "-04&memberId=" + member, null, json, STUDY_READERS));
        ops.add(new Op("GET", "/study/platform-points?period=" + y + "-04&memberId=" + member, null, json, STUDY_READERS));
        ops.add(new Op("GET", "/study/late?period=" + y + "-04", null, json, COUNTY_WIDE));
        // meetings (issue 16.1): a secretary records its own unit's; the PUT's topic differs each time, so each call is a change
        ops.add(new Op("POST", "/meetings", () -> Map.of("organizationId", c.branchA, "kind", "PARTY_LECTURE", "date", y + "-05-12",
                "topic", "专题党课", "attendees", List.of(member)), json, UNIT_WRITERS));
        ops.add(new Op("PUT", "/meetings/" + c.meetingA, () -> Map.of("organizationId", c.branchA, "kind", "THEME_DAY", "date", y + "-05-08",
                "topic", "主题党日 " + Fixtures.code("T"), "attendees", c.membersA), json, UNIT_WRITERS));
        ops.add(new Op("GET", "/meetings/" + c.meetingA, null, json, READERS));
        ops.add(new Op("GET", "/meetings?period=" + y + "-05&unitCode=" + a, null, json, READERS));
        // the audit trail (deploy/platform/security)
        ops.add(new Op("GET", "/audit", null, json, Set.of(Role.ADMIN, Role.AUDITOR)));
        return ops;
    }

    static Map<String, Object> responsibilityItem(SecureCounty c, String dueDate) {
        return Map.of("unitCode", c.unitA, "year", c.year, "level", "UNIT", "dutyKind", "OVERALL", "responsibleMemberId", c.membersA.get(0),
                "content", "党组书记履行第一责任人职责", "dueDate", dueDate);
    }

    static Map<Role, String> tokens(SecureCounty c) {
        Map<Role, String> tokens = new LinkedHashMap<>();
        tokens.put(Role.ADMIN, TestTokens.admin());
        tokens.put(Role.ASSESSOR, TestTokens.assessor());
        tokens.put(Role.AUDITOR, TestTokens.auditor());
        tokens.put(Role.SECRETARY, TestTokens.secretary(c.unitA));
        tokens.put(Role.MEMBER, TestTokens.member(c.membersA.get(0), c.unitA));
        tokens.put(Role.PLATFORM, TestTokens.learningPlatform());
        return tokens;
    }

    @TestFactory
    List<DynamicTest> everyOperationForEveryRole() {
        SecureCounty county = SecureCounty.build(YEAR);
        Map<Role, String> tokens = tokens(county);
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : operations(county)) {
            tests.add(DynamicTest.dynamicTest(op + " without a token: 401", () -> refused(op, null, 401)));
            for (Map.Entry<Role, String> role : tokens.entrySet()) {
                if (op.allowed().contains(role.getKey())) {
                    tests.add(DynamicTest.dynamicTest(op + " as " + role.getKey() + ": allowed", () -> allowed(op, role.getValue())));
                } else {
                    tests.add(DynamicTest.dynamicTest(op + " as " + role.getKey() + ": 403", () -> refused(op, role.getValue(), 403)));
                }
            }
        }
        return tests;
    }

    private static void refused(Op op, String token, int status) {
        String before = Db.snapshot();
        long denied = SecureCounty.audits("DENIED");
        Response response = SecureCounty.call(token, op.method(), op.path(), op.body() == null ? null : op.body().get(), op.contentType());
        assertEquals(status, response.statusCode(), op + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), op + " answers " + response.contentType());
        if (op.write()) {
            SecureCounty.awaitAudits("DENIED", denied + 1);
            assertEquals(before, Db.snapshot(), op + " refused must write nothing");
        }
    }

    private static void allowed(Op op, String token) {
        long accepted = SecureCounty.audits("ACCEPTED");
        Response response = SecureCounty.call(token, op.method(), op.path(), op.body() == null ? null : op.body().get(), op.contentType());
        int status = response.statusCode();
        assertFalse(status == 401 || status == 403, op + " refused an allowed role: " + status + " " + response.asString());
        assertTrue(status < 500, op + " failed: " + status + " " + response.asString());
        if (op.path().endsWith("/batch")) {
            // the batches carry valid rows of the county: every sender allowed to send them must get them stored (the
            // learning platform has no unit of its own and was once refused every row as "unknown member")
            assertTrue(status < 300, op + " refused valid rows: " + status + " " + response.asString());
        }
        if (op.write() && status < 300) {
            assertEquals(accepted + 1, SecureCounty.audits("ACCEPTED"), op + ": an accepted write leaves exactly one ACCEPTED audit record");
        }
    }
}
