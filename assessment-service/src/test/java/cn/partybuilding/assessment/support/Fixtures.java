package cn.partybuilding.assessment.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Builds what tests need through the REST API, as a committee clerk would. Codes are unique per call. */
public final class Fixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 100000, 36);

    private Fixtures() {
    }

    public static String code(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    public static ValidatableResponse put(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).put(path).then();
    }

    public static String unit(String name) {
        String code = code("U");
        post("/units", Map.of("unitCode", code, "name", name, "category", "党政机关")).statusCode(201);
        return code;
    }

    /** A unit with a committee, a branch and {@code members} members (the first is SECRETARY, the second DEPUTY_DIVISION). */
    public static Unit unitWithMembers(String name, int members) {
        String unitCode = unit(name);
        String committee = post("/organizations", Map.of("unitCode", unitCode, "kind", "ORGANS_COMMITTEE", "name", name + "机关党委"))
                .statusCode(201).extract().path("organizationId");
        String branch = post("/organizations", Map.of("unitCode", unitCode, "kind", "BRANCH", "parentId", committee, "name", name + "第一党支部"))
                .statusCode(201).extract().path("organizationId");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String id = code("M");
            post("/members", Map.of("memberId", id, "unitCode", unitCode, "organizationId", branch, "name", "党员" + i,
                    "rank", i == 1 ? "DEPUTY_DIVISION_OR_ABOVE" : "SECTION_OR_BELOW",
                    "role", i == 0 ? "SECRETARY" : i == 2 ? "COMMITTEE_MEMBER" : "MEMBER")).statusCode(201);
            ids.add(id);
        }
        return new Unit(unitCode, committee, branch, ids);
    }

    public record Unit(String code, String committeeId, String branchId, List<String> memberIds) {
    }

    /** The standard test system: POLITICAL 60 (P1 manual 60, P2 study 40), DISCIPLINE 40 (D1 manual 50, D2 exam 30, D3 points 20). */
    public static Map<String, Object> system(int politicalWeight, int disciplineWeight) {
        return Map.of(
                "bonusCap", 5,
                "examPassScore", 60,
                "dimensions", List.of(
                        Map.of("code", "POLITICAL", "name", "政治建设", "weight", politicalWeight, "indicators", List.of(
                                Map.of("code", "P1", "name", "落实第一议题制度", "maxPoints", 60, "kind", "MANUAL"),
                                Map.of("code", "P2", "name", "周学月谈完成率", "maxPoints", 40, "kind", "STUDY_RATE",
                                        "activityTypes", List.of("WEEKLY_STUDY", "MONTHLY_DISCUSSION")))),
                        Map.of("code", "DISCIPLINE", "name", "纪律建设", "weight", disciplineWeight, "indicators", List.of(
                                Map.of("code", "D1", "name", "廉政教育", "maxPoints", 50, "kind", "MANUAL"),
                                Map.of("code", "D2", "name", "理论考试通过率", "maxPoints", 30, "kind", "EXAM_PASS_RATE"),
                                Map.of("code", "D3", "name", "学习强国积分", "maxPoints", 20, "kind", "PLATFORM_POINTS",
                                        "platformPointsTarget", 600)))),
                "studyPlan", List.of(
                        Map.of("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS"),
                        Map.of("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS"),
                        Map.of("activityType", "EXAM", "frequency", "HALF_YEARLY", "attendees", "DEPUTY_DIVISION_OR_ABOVE")));
    }

    public static void defineSystem(int year) {
        put("/indicator-systems/" + year, system(60, 40)).statusCode(200);
    }

    public static ValidatableResponse score(String unitCode, String indicator, String period, Object score) {
        return post("/assessments", Map.of("unitCode", unitCode, "indicatorCode", indicator, "period", period,
                "score", score, "evidence", "会议记录"));
    }
}
