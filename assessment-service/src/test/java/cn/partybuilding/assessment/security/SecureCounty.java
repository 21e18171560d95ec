package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.local.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two units of one year built through the API with the committee's token, for the security tests: unit A (the one
 * the secretary and the member belong to) and unit B (another unit), each with members, a score, a finding with its
 * rectification item; and what a test needs to compare before and after a refused request.
 */
final class SecureCounty {
    final int year;
    final String unitA;
    final String unitB;
    final String committeeA;
    final String branchA;
    final String branchB;
    final List<String> membersA;
    final List<String> membersB;
    final String scoreA;
    final String scoreB;
    final String itemA;
    final String itemB;
    /** A meeting of unit A's branch in May of the year (issue 16.1). */
    final String meetingA;

    private SecureCounty(int year, Fixtures.Unit a, Fixtures.Unit b, String scoreA, String scoreB, String itemA, String itemB, String meetingA) {
        this.meetingA = meetingA;
        this.year = year;
        this.unitA = a.code();
        this.unitB = b.code();
        this.committeeA = a.committeeId();
        this.branchA = a.branchId();
        this.branchB = b.branchId();
        this.membersA = a.memberIds();
        this.membersB = b.memberIds();
        this.scoreA = scoreA;
        this.scoreB = scoreB;
        this.itemA = itemA;
        this.itemB = itemB;
    }

    /** Builds the county as the committee would (every call with the admin's token). */
    static SecureCounty build(int year) {
        String admin = TestTokens.admin();
        Fixtures.Unit a = asAdmin(admin, () -> Fixtures.unitWithMembers("县财政局", 3));
        Fixtures.Unit b = asAdmin(admin, () -> Fixtures.unitWithMembers("县教育局", 3));
        call(admin, "PUT", "/indicator-systems/" + year, Fixtures.system(60, 40)).then().statusCode(200);
        String scoreA = score(admin, a.code(), year + "-01");
        String scoreB = score(admin, b.code(), year + "-01");
        String itemA = finding(admin, a.code(), year + "-02");
        String itemB = finding(admin, b.code(), year + "-02");
        String meetingA = call(admin, "POST", "/meetings", Map.of("organizationId", a.branchId(), "kind", "THEME_DAY", "date", year + "-05-08",
                "topic", "主题党日", "attendees", a.memberIds())).then().statusCode(201).extract().path("meetingId");
        return new SecureCounty(year, a, b, scoreA, scoreB, itemA, itemB, meetingA);
    }

    private static <T> T asAdmin(String token, java.util.function.Supplier<T> work) {
        // Fixtures speak without a token; for the setup only, every request carries the committee's
        io.restassured.RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + token).build();
        try {
            return work.get();
        } finally {
            io.restassured.RestAssured.requestSpecification = null;
        }
    }

    private static String score(String admin, String unit, String period) {
        return call(admin, "POST", "/assessments", Map.of("unitCode", unit, "indicatorCode", "P1", "period", period, "score", 50,
                "evidence", "会议记录")).then().statusCode(201).extract().path("assessmentId");
    }

    private static String finding(String admin, String unit, String period) {
        return call(admin, "POST", "/findings", Map.of("unitCode", unit, "period", period, "deductionPoints", 1,
                "source", "督查", "description", "三会一课记录不全")).then().statusCode(201).extract().path("rectificationItemId");
    }

    /** A request with a token (null: none) and a JSON body (null: none; a String: sent as it is). */
    static Response call(String token, String method, String path, Object body) {
        return call(token, method, path, body, ContentType.JSON.toString());
    }

    static Response call(String token, String method, String path, Object body, String contentType) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (body != null) {
            request = request.contentType(contentType).body(body);
        }
        return request.request(method, path);
    }

    static long audits(String outcome) {
        return Db.count("select count(*) from audit_record where outcome = ?", outcome);
    }

    /** Waits for the audit trail to hold {@code expected} records of the outcome (refusals are written after the answer is formed). */
    static void awaitAudits(String outcome, long expected) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertEquals(expected, audits(outcome), outcome + " audit records"));
    }
}
