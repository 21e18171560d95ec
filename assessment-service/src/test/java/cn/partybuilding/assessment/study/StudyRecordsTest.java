package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class StudyRecordsTest {
    static final String[] TYPES = {"WEEKLY_STUDY", "MONTHLY_DISCUSSION", "QUARTERLY_LECTURE", "EXAM", "ANNUAL_REVIEW",
            "BRANCH_ASSEMBLY", "BRANCH_COMMITTEE", "GROUP_MEETING", "PARTY_LECTURE", "THEME_DAY"};
    private static final int YEAR = 2025;
    private static Fixtures.Unit unit;

    @BeforeEach
    void setUp() {
        if (unit == null) {
            Fixtures.defineSystem(YEAR);
            unit = Fixtures.unitWithMembers("县文化和旅游局", 10);
        }
    }

    /** {@code count} distinct completions of the unit's members in {@code month}. */
    static List<Map<String, Object>> completions(List<String> members, YearMonth month, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        outer:
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            for (String type : TYPES) {
                for (String member : members) {
                    if (rows.size() == count) {
                        break outer;
                    }
                    rows.add(Map.of("memberId", member, "activityType", type, "date", month.atDay(day).toString(), "minutes", 45));
                }
            }
        }
        if (rows.size() < count) {
            throw new IllegalArgumentException("not enough members for " + count + " rows");
        }
        return rows;
    }

    @Test
    void aRepeatedCompletionReturnsTheStoredRecordWith200AndNoSecondEvent() {
        Map<String, Object> completion = Map.of("memberId", unit.memberIds().get(0), "activityType", "THEME_DAY",
                "date", YEAR + "-03-01", "minutes", 90);
        post("/study/completions", completion).statusCode(201).body("unitCode", equalTo(unit.code()));
        long outbox = Db.outbox();
        post("/study/completions", Map.of("memberId", unit.memberIds().get(0), "activityType", "THEME_DAY", "date", YEAR + "-03-01",
                "minutes", 30)).statusCode(200).body("minutes", equalTo(90));
        assertEquals(outbox, Db.outbox());
        assertEquals(1, Db.count("select count(*) from study_completion where member_id = ? and activity_type = 'THEME_DAY'", unit.memberIds().get(0)));
    }

    @Test
    void aBatchOfAThousandIsStoredOnceAndARepeatOfItChangesNothing() {
        List<Map<String, Object>> rows = completions(unit.memberIds(), YearMonth.of(YEAR, 4), 1000);
        post("/study/completions/batch", Map.of("period", YEAR + "-04", "completions", rows)).statusCode(200)
                .body("received", equalTo(1000)).body("created", equalTo(1000)).body("duplicates", equalTo(0));
        long outbox = Db.outbox();
        post("/study/completions/batch", Map.of("period", YEAR + "-04", "completions", rows)).statusCode(200)
                .body("created", equalTo(0)).body("duplicates", equalTo(1000));
        assertEquals(outbox, Db.outbox());
        given().queryParam("memberId", unit.memberIds().get(3)).queryParam("period", YEAR + "-04").get("/study/completions").then()
                .body("", hasSize(100));
    }

    @Test
    void aBatchWithOneBadRowWritesNothingAndNamesTheRow() {
        List<Map<String, Object>> rows = new ArrayList<>(completions(unit.memberIds(), YearMonth.of(YEAR, 5), 50));
        rows.set(17, Map.of("memberId", "NO-SUCH-MEMBER", "activityType", "WEEKLY_STUDY", "date", YEAR + "-05-02"));
        rows.set(23, Map.of("memberId", unit.memberIds().get(1), "activityType", "WEEKLY_STUDY", "date", YEAR + "-06-02"));
        String before = Db.snapshot();
        // date outside the batch's month: named per row, nothing written
        post("/study/completions/batch", Map.of("period", YEAR + "-05", "completions", rows)).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("completions[23].date"));
        rows.set(23, rows.get(22));
        post("/study/completions/batch", Map.of("period", YEAR + "-05", "completions", rows)).statusCode(400)
                .contentType("application/problem+json").body("violations.field", equalTo(List.of("completions[17].memberId")));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void studyRecordsForALockedMonthOrTheFutureAreRefused() {
        post("/periods/" + YEAR + "-01/lock", Map.of()).statusCode(200);
        String before = Db.snapshot();
        post("/study/completions", Map.of("memberId", unit.memberIds().get(0), "activityType", "WEEKLY_STUDY", "date", YEAR + "-01-08"))
                .statusCode(409).body("violations[0].field", equalTo("date"));
        post("/study/completions/batch", Map.of("period", YEAR + "-01", "completions", completions(unit.memberIds(), YearMonth.of(YEAR, 1), 5)))
                .statusCode(409).body("violations[0].field", equalTo("period"));
        post("/study/platform-points", Map.of("memberId", unit.memberIds().get(0), "date", LocalDate.now().plusDays(2).toString(), "points", 30))
                .statusCode(400).body("violations[0].field", equalTo("date"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void examResultsTakeThePassScoreOfTheYearAndAreIdempotentPerExam() {
        String member = unit.memberIds().get(1);
        post("/study/exam-results", Map.of("memberId", member, "examId", YEAR + "-H1-theory", "date", YEAR + "-06-20", "score", 55))
                .statusCode(201).body("passScore", equalTo(60.0f)).body("passed", equalTo(false)).body("unitCode", equalTo(unit.code()));
        long outbox = Db.outbox();
        post("/study/exam-results", Map.of("memberId", member, "examId", YEAR + "-H1-theory", "date", YEAR + "-06-21", "score", 88))
                .statusCode(200).body("score", equalTo(55.0f));
        assertEquals(outbox, Db.outbox());
        post("/study/exam-results", Map.of("memberId", member, "examId", YEAR + "-H1-theory", "date", YEAR + "-06-20", "score", 101))
                .statusCode(400).body("violations[0].field", equalTo("score"));
    }

    @Test
    void aMemberWhoLeftKeepsTheRecordsOfTheirTimeButAnotherUnitsCodeIsRefused() {
        Fixtures.Unit leaving = Fixtures.unitWithMembers("县人力资源和社会保障局", 1);
        String member = leaving.memberIds().get(0);
        Fixtures.put("/members/" + member, Map.of("unitCode", leaving.code(), "organizationId", leaving.branchId(), "name", "党员0",
                "rank", "SECTION_OR_BELOW", "role", "SECRETARY", "active", false)).statusCode(200);
        post("/study/completions", Map.of("memberId", member, "activityType", "WEEKLY_STUDY", "date", YEAR + "-08-01")).statusCode(201);
        String before = Db.snapshot();
        post("/study/completions", Map.of("memberId", member, "unitCode", unit.code(), "activityType", "WEEKLY_STUDY", "date", YEAR + "-08-08"))
                .statusCode(400).body("violations[0].field", equalTo("unitCode"));
        assertEquals(before, Db.snapshot());
    }

    @Test
    void platformPointsAreOncePerMemberAndDay() {
        String member = unit.memberIds().get(2);
        post("/study/platform-points", Map.of("memberId", member, "date", YEAR + "-07-01", "points", 42)).statusCode(201);
        post("/study/platform-points", Map.of("memberId", member, "date", YEAR + "-07-01", "points", 42)).statusCode(200);
        post("/study/platform-points/batch", Map.of("period", YEAR + "-07", "points", List.of(
                Map.of("memberId", member, "date", YEAR + "-07-01", "points", 42),
                Map.of("memberId", member, "date", YEAR + "-07-02", "points", 38)))).statusCode(200)
                .body("created", equalTo(1)).body("duplicates", equalTo(1));
        given().queryParam("unitCode", unit.code()).queryParam("period", YEAR + "-07").get("/study/platform-points").then()
                .body("points", equalTo(List.of(42, 38)));
    }
}
