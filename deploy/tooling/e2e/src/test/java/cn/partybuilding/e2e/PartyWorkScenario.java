package cn.partybuilding.e2e;

import cn.partybuilding.e2e.RunningSystem.Response;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static cn.partybuilding.e2e.RunningSystem.put;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 across the three services, on the county of {@link CountyMonthEndToEndTest} after its October: the party
 * work a unit does besides being scored, each step done by whom the role matrix allows. November is the current month
 * of the demo (2026-11; it runs before {@code signInIsEnforcedForEveryRole}, which scores U001's November P1, because a
 * new version of the indicator system may not apply from a month that already has scores) and gets a second version of the 2026 indicator system that also counts 主题党日 (P2) and the
 * unit's 责任清单 (R1, 20 of DISCIPLINE's 100 points).
 */
final class PartyWorkScenario {
    private static final String NOVEMBER = "2026-11";
    private final RunningSystem system;

    PartyWorkScenario(RunningSystem system) {
        this.system = system;
    }

    /**
     * 三会一课 as a meeting: secretary-u001 records U001's 主题党日 once; its three attendees become completions in
     * assessment-service, which move U001's November study rate in reporting-service; a revision that marks one member
     * absent (with a reason) withdraws that completion and the rate falls again; once November is locked the meeting
     * can no longer be changed.
     */
    void aMeetingRecordedByTheBranchSecretaryBecomesCompletions() {
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var secretary = system.as("secretary-u001");
        ok(put(system.assessment, "/indicator-systems/2026", Map.of(
                "bonusCap", 5, "examPassScore", 60, "effectiveFrom", NOVEMBER,
                "dimensions", List.of(
                        Map.of("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                                Map.of("code", "P1", "name", "落实第一议题制度", "maxPoints", 60, "kind", "MANUAL"),
                                Map.of("code", "P2", "name", "月谈和主题党日完成率", "maxPoints", 40, "kind", "STUDY_RATE",
                                        "activityTypes", List.of("MONTHLY_DISCUSSION", "THEME_DAY")))),
                        Map.of("code", "DISCIPLINE", "name", "纪律建设", "weight", 40, "indicators", List.of(
                                Map.of("code", "D1", "name", "廉政教育", "maxPoints", 80, "kind", "MANUAL"),
                                Map.of("code", "R1", "name", "责任清单落实", "maxPoints", 20, "kind", "RESPONSIBILITY_LIST")))),
                "studyPlan", List.of(
                        Map.of("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS"),
                        Map.of("activityType", "THEME_DAY", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS"))), admin));
        ok(post(system.assessment, "/assessments", Map.of("unitCode", "U001", "indicatorCode", "D1", "period", NOVEMBER,
                "score", 70, "evidence", "现场检查记录"), assessor));
        double before = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> completionRate("U001"), rate -> rate != null);

        String branch = null;
        for (JsonNode organization : ok(get(system.assessment, "/units/U001/organizations", secretary))) {
            if (organization.get("kind").asText().equals("BRANCH")) {
                branch = organization.get("organizationId").asText();
            }
        }
        List<String> everyone = List.of("U001-002", "U001-001", CountyMonthEndToEndTest.PLAIN_MEMBER);
        JsonNode meeting = ok(post(system.assessment, "/meetings", meeting(branch, everyone, List.of()), secretary));
        String meetingId = meeting.get("meetingId").asText();
        assertEquals("U001", meeting.get("unitCode").asText());

        // the attendance is the month's 主题党日 completions of the three members
        JsonNode completions = ok(get(system.assessment, "/study/completions?unitCode=U001&period=" + NOVEMBER, secretary));
        assertEquals(3, countThemeDays(completions), completions.toString());
        double withMeeting = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> completionRate("U001"), rate -> rate != null && rate > before);

        // a revision: U001-006 was on sick leave after all
        ok(put(system.assessment, "/meetings/" + meetingId, meeting(branch, everyone.subList(0, 2),
                List.of(Map.of("memberId", CountyMonthEndToEndTest.PLAIN_MEMBER, "reason", "病假"))), secretary));
        assertEquals(2, countThemeDays(ok(get(system.assessment, "/study/completions?unitCode=U001&period=" + NOVEMBER, secretary))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> completionRate("U001"), rate -> rate != null && rate < withMeeting && rate > before);

        // a locked month's meeting stays as it was
        ok(post(system.assessment, "/periods/" + NOVEMBER + "/lock", Map.of(), admin));
        Response locked = put(system.assessment, "/meetings/" + meetingId, meeting(branch, everyone, List.of()), secretary);
        assertEquals(409, locked.status(), locked.body());
        assertTrue(String.valueOf(locked.contentType()).startsWith("application/problem+json"), locked.body());
        assertEquals(2, countThemeDays(ok(get(system.assessment, "/study/completions?unitCode=U001&period=" + NOVEMBER, secretary))));
        ok(post(system.assessment, "/periods/" + NOVEMBER + "/reopen", Map.of("reason", "端到端测试：继续录入十一月"), admin));
    }

    /**
     * 责任清单: secretary-u001 puts an item on U001's list (the 党组书记's overall responsibility, due in November) and
     * checks it off with evidence; reporting-service's November scorecard scores R1 from 0 of 1 due items done to 1 of 1.
     */
    void aResponsibilityListItemCheckedOffCountsOnTheScorecard() {
        var secretary = system.as("secretary-u001");
        JsonNode item = ok(post(system.assessment, "/responsibility-items", Map.of("unitCode", "U001", "year", 2026, "level", "UNIT",
                "dutyKind", "OVERALL", "responsibleMemberId", "U001-001", "content", "党组书记履行全面从严治党第一责任人职责",
                "dueDate", NOVEMBER + "-30"), secretary));
        assertEquals("OPEN", item.get("status").asText());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals("到期事项完成 0/1 0.0", responsibilityIndicator("U001")));
        JsonNode done = ok(post(system.assessment, "/responsibility-items/" + item.get("itemId").asText() + "/check-off",
                Map.of("evidence", "党组会议纪要（2026年第11次）", "doneOn", NOVEMBER + "-20"), secretary));
        assertEquals("DONE", done.get("status").asText());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals("到期事项完成 1/1 20.0", responsibilityIndicator("U001")));
        // the secretary reads the same card
        JsonNode card = ok(get(system.reporting, "/units/U001/scorecard/" + NOVEMBER, secretary));
        assertTrue(card.toString().contains("党组书记履行全面从严治党第一责任人职责"), card.toString());
    }

    /**
     * Branches: the fourth quarter's county-wide branch ranking, live, from what the units recorded. U009's branch held
     * no meeting, did no study and its member failed the exam: 后进支部 (the bottom 10 % of eleven branches, rounded up,
     * are two: U009's and U010's, which did nothing at all). U001's branch has November's 主题党日 held (its meeting).
     * secretary-u001 sees its own unit's branches and not U009's.
     */
    void theBranchesAreRankedFromWhatTheyRecorded() {
        var admin = system.as("committee-admin");
        JsonNode u009 = ok(get(system.reporting, "/units/U009/branches/2026-Q4", admin));
        assertEquals("LIVE", u009.get("status").asText(), u009.toString());
        JsonNode lagging = u009.get("entries").get(0);
        assertEquals("LAGGING", lagging.get("tier").asText(), u009.toString());
        assertEquals("后进支部", lagging.get("tierLabel").asText());
        assertEquals("0/1", lagging.get("exams").asText(), lagging.toString());

        var secretary = system.as("secretary-u001");
        JsonNode u001 = ok(get(system.reporting, "/units/U001/branches/2026-Q4", secretary));
        JsonNode branch = u001.get("entries").get(0);
        assertEquals("U001", branch.get("unitCode").asText());
        assertTrue(branch.get("meetings").asText().startsWith("1/"), branch.toString());
        assertEquals(404, get(system.reporting, "/units/U009/branches/2026-Q4", secretary).status());
        JsonNode county = ok(get(system.reporting, "/branches/2026-Q4", admin));
        assertEquals(11, county.get("entries").size(), county.toString());
    }

    /**
     * 销号 in two steps, and the loop that closes itself: the assessor's finding gives U001 a rectification item; its
     * secretary submits close-out evidence (待确认), the committee returns it with a reason, the secretary submits again
     * and the committee confirms (销号). Neither side can take the other's step. A finding whose deadline has already
     * passed is overdue at once, and notification-service issues its 逾期通报 to U001's secretary and to the committee.
     */
    void aRectificationItemIsClosedInTwoSteps() {
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var secretary = system.as("secretary-u001");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String item = ok(post(system.assessment, "/findings", Map.of("unitCode", "U001", "period", NOVEMBER, "deductionPoints", 1,
                "source", "巡察", "description", "三会一课记录不全", "deadline", today.plusDays(20).toString()), assessor))
                .get("rectificationItemId").asText();
        String path = "/rectification-items/" + item;
        assertEquals("OPEN", ok(get(system.assessment, path, secretary)).get("status").asText());
        assertEquals("SUBMITTED", ok(post(system.assessment, path + "/close", Map.of("evidence", "已补齐会议记录"), secretary)).get("status").asText());
        assertEquals(403, post(system.assessment, path + "/confirm", "", secretary).status(), "the unit cannot confirm its own 销号");
        assertEquals(403, post(system.assessment, path + "/close", Map.of("evidence", "委员会代为销号"), admin).status(), "no 销号 in one step");
        Response noReason = post(system.assessment, path + "/return", Map.of(), admin);
        assertEquals(400, noReason.status(), noReason.body());
        JsonNode returned = ok(post(system.assessment, path + "/return", Map.of("reason", "缺少签到表"), admin));
        assertEquals("OPEN", returned.get("status").asText());
        assertEquals("缺少签到表", returned.get("returnReason").asText());
        assertEquals("SUBMITTED", ok(post(system.assessment, path + "/close", Map.of("evidence", "已补齐会议记录和签到表"), secretary)).get("status").asText());
        assertEquals("CLOSED", ok(post(system.assessment, path + "/confirm", "", admin)).get("status").asText());
        assertEquals(409, post(system.assessment, path + "/confirm", "", admin).status());

        // overdue at once: the 逾期通报 to the unit's secretary and to the committee, one each
        String overdue = ok(post(system.assessment, "/findings", Map.of("unitCode", "U001", "period", NOVEMBER, "deductionPoints", 1,
                "source", "督查", "description", "党费收缴台账不全", "deadline", NOVEMBER + "-01"), assessor)).get("rectificationItemId").asText();
        assertEquals("OVERDUE", ok(get(system.assessment, "/rectification-items/" + overdue, secretary)).get("status").asText());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode notices = ok(get(system.notification, "/notices?type=RECTIFICATION_OVERDUE&period=" + overdue, admin));
            assertEquals(2, notices.size(), notices.toString());
        });
        JsonNode inbox = ok(get(system.notification, "/inbox/U001-002", secretary));
        assertTrue(inbox.toString().contains("RECTIFICATION_OVERDUE"), inbox.toString());
    }

    /** The R1 indicator of a unit's November card: its basis and score. */
    private String responsibilityIndicator(String unit) {
        JsonNode card = ok(get(system.reporting, "/units/" + unit + "/scorecard/" + NOVEMBER, system.as("committee-admin")));
        for (JsonNode dimension : card.get("dimensions")) {
            for (JsonNode indicator : dimension.get("indicators")) {
                if (indicator.get("code").asText().equals("R1")) {
                    return indicator.path("basis").asText() + " " + indicator.path("score").asDouble();
                }
            }
        }
        return "no R1 on " + card;
    }

    private static Map<String, Object> meeting(String branch, List<String> attendees, List<Map<String, String>> absentees) {
        return Map.of("organizationId", branch, "kind", "THEME_DAY", "date", NOVEMBER + "-06", "topic", "主题党日：重温入党誓词",
                "durationMinutes", 90, "attendees", attendees, "absentees", absentees);
    }

    private static int countThemeDays(JsonNode completions) {
        int n = 0;
        for (JsonNode c : completions.has("items") ? completions.get("items") : completions) {
            if (c.path("activityType").asText().equals("THEME_DAY")) {
                n++;
            }
        }
        return n;
    }

    private Double completionRate(String unit) {
        Response card = get(system.reporting, "/units/" + unit + "/scorecard/" + NOVEMBER, system.as("committee-admin"));
        return card.status() == 200 && card.json().has("completionRate") ? card.json().get("completionRate").asDouble() : null;
    }

    static JsonNode ok(Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, () -> response.status() + " " + response.body());
        return response.body().isBlank() ? null : response.json();
    }
}
