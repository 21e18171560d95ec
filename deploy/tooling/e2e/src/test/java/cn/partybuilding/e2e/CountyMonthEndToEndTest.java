package cn.partybuilding.e2e;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.e2e.RunningSystem.Response;
import cn.partybuilding.local.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committee's month, across the three services as they run in production: a clerk enters the
 * organisation, the indicator system, scores, study records, a finding and a bonus in assessment-service;
 * reporting-service ranks the units from the events; publishing September and October sends the notices,
 * which notification-service puts in the inboxes.
 *
 * <p>Hand-computed example (indicator system 2026: POLITICAL weight 60 = P1 manual max 60 + P2 study rate
 * max 40 over MONTHLY_DISCUSSION, monthly, all members; DISCIPLINE weight 40 = D1 manual max 100; bonus
 * cap 5). Each unit has two members (its secretary and its principal leader);
 * composite = 0.6 × (P1 + 40 × rate) + 0.4 × D1 + bonus − deduction.
 * <pre>
 * unit  P1  rate  D1  adj      composite                      rank  tier
 * E01   60  2/2  100  +2 bonus 0.6×100 + 40 + 2      = 102.0    1   ADVANCED
 * E02   55  2/2   90           0.6×95 + 36           =  93.0    2   ADVANCED
 * E03   50  2/2   90           0.6×90 + 36           =  90.0    3   MIDDLE
 * E05   45  2/2   85           0.6×85 + 34           =  85.0    4   MIDDLE   tie with E04: higher completion rate first
 * E04   55  1/2  100           0.6×75 + 40           =  85.0    5   MIDDLE
 * E06   50  1/2   90           0.6×70 + 36           =  78.0    6   MIDDLE
 * E07   40  2/2   75  −3 find. 0.6×80 + 30 − 3       =  75.0    7   MIDDLE
 * E08   40  1/2   70           0.6×60 + 28           =  64.0    8   MIDDLE
 * E11   35  1/2   65           0.6×55 + 26           =  59.0    9   MIDDLE
 * E09   30  0/2   60           0.6×30 + 24           =  42.0   10   LAGGING  bottom 10 % of the 10 assessed units, rounded up
 * E10   —    —     —           no assessment         未报送: listed, never ranked, no score, tier nor tier notice
 * </pre>
 * Tiers: top 20 % of the 10 assessed units = 2 ADVANCED. September has the same scores without the
 * bonus and the finding, so E09 is LAGGING two months running (an interview notice to its
 * principal leader). E09's principal leader fails the October theory exam (education reminder).
 */
class CountyMonthEndToEndTest {
    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    record UnitPlan(String code, String name, Double p1, int done, Double d1) {
        String secretary() {
            return code + "-S";
        }

        String leader() {
            return code + "-L";
        }
    }

    static final List<UnitPlan> PLAN = List.of(
            new UnitPlan("E01", "县委办公室", 60.0, 2, 100.0),
            new UnitPlan("E02", "县发展和改革局", 55.0, 2, 90.0),
            new UnitPlan("E03", "县教育局", 50.0, 2, 90.0),
            new UnitPlan("E04", "县财政局", 55.0, 1, 100.0),
            new UnitPlan("E05", "县公安局", 45.0, 2, 85.0),
            new UnitPlan("E06", "县民政局", 50.0, 1, 90.0),
            new UnitPlan("E07", "县司法局", 40.0, 2, 75.0),
            new UnitPlan("E08", "县交通运输局", 40.0, 1, 70.0),
            new UnitPlan("E09", "县水利局", 30.0, 0, 60.0),
            new UnitPlan("E10", "县统计局", null, 0, null),
            new UnitPlan("E11", "县审计局", 35.0, 1, 65.0));

    /** rank order, composite and tier of October, from the table above. */
    static final List<Object[]> EXPECTED_OCTOBER = List.of(
            new Object[]{"E01", 102.0, "ADVANCED", "SUBMITTED"},
            new Object[]{"E02", 93.0, "ADVANCED", "SUBMITTED"},
            new Object[]{"E03", 90.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E05", 85.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E04", 85.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E06", 78.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E07", 75.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E08", 64.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E11", 59.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"E09", 42.0, "LAGGING", "SUBMITTED"},
            new Object[]{"E10", null, null, "NOT_SUBMITTED"});

    @Test
    void scoresEnteredInAssessmentBecomeTheRankingAndTheNotices() {
        var assessment = system.assessment;
        var reporting = system.reporting;
        var notification = system.notification;

        ok(RunningSystem.put(assessment, "/indicator-systems/2026", Map.of(
                "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(
                        Map.of("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                                Map.of("code", "P1", "name", "落实第一议题制度", "maxPoints", 60, "kind", "MANUAL"),
                                Map.of("code", "P2", "name", "月谈完成率", "maxPoints", 40, "kind", "STUDY_RATE",
                                        "activityTypes", List.of("MONTHLY_DISCUSSION")))),
                        Map.of("code", "DISCIPLINE", "name", "纪律建设", "weight", 40, "indicators", List.of(
                                Map.of("code", "D1", "name", "廉政教育", "maxPoints", 100, "kind", "MANUAL")))),
                "studyPlan", List.of(Map.of("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS")))));

        for (UnitPlan unit : PLAN) {
            ok(post(assessment, "/units", Map.of("unitCode", unit.code(), "name", unit.name(), "category", "党政机关")));
            String branch = ok(post(assessment, "/organizations", Map.of("unitCode", unit.code(), "kind", "BRANCH",
                    "name", unit.name() + "机关党支部"))).get("organizationId").asText();
            ok(post(assessment, "/members", member(unit, unit.secretary(), "书记", "SECRETARY", branch)));
            ok(post(assessment, "/members", member(unit, unit.leader(), "局长", "PRINCIPAL_LEADER", branch)));
        }
        Map<String, String> assessmentIds = new LinkedHashMap<>();
        for (String period : List.of("2026-09", "2026-10")) {
            for (UnitPlan unit : PLAN) {
                if (unit.p1() != null) {
                    assessmentIds.put(unit.code() + " P1 " + period,
                            ok(post(assessment, "/assessments", score(unit.code(), "P1", period, unit.p1()))).get("assessmentId").asText());
                    ok(post(assessment, "/assessments", score(unit.code(), "D1", period, unit.d1())));
                }
                List<String> attendees = List.of(unit.secretary(), unit.leader()).subList(0, unit.done());
                for (String member : attendees) {
                    ok(post(assessment, "/study/completions", Map.of("memberId", member, "unitCode", unit.code(),
                            "activityType", "MONTHLY_DISCUSSION", "date", period + "-15", "minutes", 90)));
                }
            }
        }
        ok(post(assessment, "/bonuses", Map.of("unitCode", "E01", "period", "2026-10", "points", 2, "reason", "省级表彰")));
        ok(post(assessment, "/findings", Map.of("unitCode", "E07", "period", "2026-10", "deductionPoints", 3, "source", "督查",
                "description", "三会一课记录不全", "deadline", "2026-12-31")));
        ok(post(assessment, "/study/exam-results", Map.of("memberId", "E09-L", "unitCode", "E09", "examId", "2026-H2-theory",
                "date", "2026-10-20", "score", 45)));

        // reporting-service ranks what the events said, exactly as computed by hand above
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(expectedRows(), rows(get(reporting, "/rankings/2026-10").json())));
        JsonNode scorecard = get(reporting, "/units/E07/scorecard/2026-10").json();
        assertEquals(3.0, scorecard.get("deductions").asDouble(), 0.001);
        assertEquals(75.0, scorecard.get("composite").asDouble(), 0.001);

        // frozen months: a month is published only once assessment-service has locked it
        Response unlocked = post(reporting, "/rankings/2026-09/publish", "");
        assertEquals(409, unlocked.status(), unlocked.body());
        assertEquals("2026年9月尚未锁定：请先在考评服务锁定该月再发布", unlocked.json().get("detail").asText());
        ok(post(assessment, "/periods/2026-09/lock", Map.of("by", "工委办公室")));
        ok(post(assessment, "/periods/2026-10/lock", Map.of("by", "工委办公室")));
        publishedOnceLocked(reporting, "2026-09");
        JsonNode october = publishedOnceLocked(reporting, "2026-10");
        assertEquals(expectedRows(), rows(october));
        assertEquals(1, october.get("version").asInt());

        // notification-service turns the publication into notices, one per (type, recipient, period)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertTrue(types(notification, "E01-S", "2026-10").contains("COMMENDATION"), "E01 secretary commended");
            assertTrue(types(notification, "E02-S", "2026-10").contains("COMMENDATION"), "E02 secretary commended");
            assertTrue(types(notification, "E09-S", "2026-10").contains("CRITICISM"), "E09 secretary criticised");
            assertTrue(types(notification, "E09-L", "2026-10").contains("INTERVIEW"), "E09 leader: lagging twice → interview");
            assertTrue(types(notification, "E09-L", "2026-10").contains("EDUCATION_REMINDER"), "failed exam → education reminder");
            for (UnitPlan unit : PLAN) {
                assertTrue(types(notification, unit.secretary(), "2026-10").contains("MONTHLY_BULLETIN"), unit.code() + "'s secretary gets the bulletin");
            }
        });
        // one bulletin: one document, one 文号, 主送 every unit (the 未报送 one too); the commendations have their own numbers
        java.util.Set<String> bulletinNumbers = new java.util.TreeSet<>();
        for (UnitPlan unit : PLAN) {
            bulletinNumbers.add(documentNumber(notification, unit.secretary(), "MONTHLY_BULLETIN", "2026-10"));
        }
        assertEquals(1, bulletinNumbers.size(), bulletinNumbers.toString());
        assertTrue(!bulletinNumbers.contains(documentNumber(notification, "E01-S", "COMMENDATION", "2026-10")));
        // 未报送 is no tier: no criticism, no interview
        assertTrue(!types(notification, "E10-S", "2026-10").contains("CRITICISM"), "an unranked unit is not criticised");
        assertTrue(!types(notification, "E10-L", "2026-10").contains("INTERVIEW"), "an unranked unit is not interviewed");
        assertTrue(!types(notification, "E03-S", "2026-10").contains("COMMENDATION"), "a MIDDLE unit is not commended");
        assertTrue(!types(notification, "E09-L", "2026-09").contains("INTERVIEW"), "one lagging month is no interview yet");
        JsonNode inbox = get(notification, "/inbox/E01-S").json();
        JsonNode commendation = null;
        for (JsonNode notice : inbox) {
            if (notice.get("noticeType").asText().equals("COMMENDATION") && notice.get("period").asText().equals("2026-10")) {
                commendation = notice;
            }
        }
        assertTrue(commendation != null);
        assertTrue(commendation.get("title").asText().contains("表扬"), commendation.toString());
        assertTrue(commendation.get("documentNumber").asText().contains("〔2026〕"), commendation.toString());

        correctingALockedMonthNeedsAReopenAndIsPublishedAsVersionTwo(assessmentIds.get("E09 P1 2026-10"));
    }

    /**
     * Frozen months, after October's version 1: a correction is refused while October is locked; a learning platform's
     * study record for October (E04's leader, 月谈 on 16 October) arriving now is kept and shown as late but leaves the
     * figures alone; the committee reopens October with a reason, the correction (E09 P1 30 → 40: 0.6 × 40 + 24 = 48) goes
     * in and the late record counts (E04 2/2: 0.6 × 95 + 40 = 97); locked again, October is republished as version 2 with
     * the reopen's reason, version 1 unchanged.
     */
    private void correctingALockedMonthNeedsAReopenAndIsPublishedAsVersionTwo(String e09P1) {
        var assessment = system.assessment;
        var reporting = system.reporting;
        Map<String, Object> correction = Map.of("score", 40, "reason", "县纪委反馈第一议题制度落实情况", "assessor", "县直机关工委考核组");
        Response refused = post(assessment, "/assessments/" + e09P1 + "/corrections", correction);
        assertEquals(409, refused.status(), refused.body());

        TopicProbe.publish(system.broker.bootstrapServers(), Topics.STUDY, CloudEvent.of("/learning-platform", EventTypes.STUDY_COMPLETED, "E04",
                CloudEventCodec.toTree(Map.of("memberId", "E04-L", "unitCode", "E04", "activityType", "MONTHLY_DISCUSSION",
                        "date", "2026-10-16", "minutes", 60))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode card = get(reporting, "/units/E04/scorecard/2026-10").json();
            assertEquals(1, card.get("lateRecords").get("notCounted").asInt(), card.toString());
            assertEquals(85.0, card.get("composite").asDouble(), 0.001, "a late record changed the locked month");
            assertEquals(1, get(assessment, "/study/late?period=2026-10").json().size(), "assessment-service keeps it, marked late");
        });
        assertEquals(expectedRows(), rows(get(reporting, "/rankings/2026-10").json()), "the live figures are still those published");

        Response reopenWithoutReason = post(assessment, "/periods/2026-10/reopen", Map.of("by", "工委办公室"));
        assertEquals(400, reopenWithoutReason.status(), reopenWithoutReason.body());
        String reason = "县纪委反馈E09第一议题制度落实情况，需更正";
        ok(post(assessment, "/periods/2026-10/reopen", Map.of("reason", reason, "by", "工委办公室")));
        ok(post(assessment, "/assessments/" + e09P1 + "/corrections", correction));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> scores = scores(get(reporting, "/rankings/2026-10").json());
            assertEquals(97.0, scores.get("E04"), 0.001, "the late record counts once October is reopened");
            assertEquals(48.0, scores.get("E09"), 0.001, "the correction counts");
        });

        ok(post(assessment, "/periods/2026-10/lock", Map.of("by", "工委办公室")));
        JsonNode v2 = publishedOnceLocked(reporting, "2026-10");
        assertEquals(2, v2.get("version").asInt());
        assertEquals(97.0, scores(v2).get("E04"), 0.001);
        JsonNode history = get(reporting, "/rankings/2026-10/history").json();
        assertEquals(2, history.size());
        assertEquals(reason, history.get(1).get("reason").asText());
        assertEquals(85.0, scores(get(reporting, "/rankings/2026-10/published?version=1").json()).get("E04"), 0.001);
        // the units hear of the correction: a 更正通报 to every unit's secretary, one document
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (UnitPlan unit : PLAN) {
                assertTrue(types(system.notification, unit.secretary(), "2026-10").contains("CORRECTION_BULLETIN"), unit.code());
            }
        });
    }

    /** The 文号 of the recipient's notice of that type and period. */
    private static String documentNumber(cn.partybuilding.local.ServiceProcess notification, String recipient, String type, String period) {
        for (JsonNode notice : get(notification, "/inbox/" + recipient).json()) {
            if (period.equals(notice.path("period").asText()) && type.equals(notice.path("noticeType").asText())) {
                return notice.path("documentNumber").asText();
            }
        }
        throw new AssertionError("no " + type + " for " + recipient + " in " + period);
    }

    /** Publishes the month once reporting-service has heard of its lock (409 until then). */
    private static JsonNode publishedOnceLocked(cn.partybuilding.local.ServiceProcess reporting, String month) {
        JsonNode[] published = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response response = post(reporting, "/rankings/" + month + "/publish", "");
            assertEquals(200, response.status(), response.body());
            published[0] = response.json();
        });
        return published[0];
    }

    private static Map<String, Double> scores(JsonNode ranking) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (JsonNode entry : ranking.get("entries")) {
            scores.put(entry.get("unitCode").asText(), entry.get("score").asDouble());
        }
        return scores;
    }

    private static Map<String, Object> member(UnitPlan unit, String id, String title, String role, String branch) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("memberId", id);
        member.put("unitCode", unit.code());
        member.put("organizationId", branch);
        member.put("name", unit.name() + title);
        member.put("rank", "DEPUTY_DIVISION_OR_ABOVE");
        // members since the start of the year: September's and October's rosters count them (issue 12.3; without a date
        // the registration takes effect today and the months before would have no members)
        member.put("effectiveFrom", "2026-01-01");
        member.put("role", role);
        member.put("email", id.toLowerCase() + "@county.example");
        member.put("active", true);
        return member;
    }

    private static Map<String, Object> score(String unit, String indicator, String period, double score) {
        return Map.of("unitCode", unit, "indicatorCode", indicator, "period", period, "score", score,
                "assessor", "县直机关工委考核组", "evidence", "现场检查记录");
    }

    private static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        int rank = 1;
        for (Object[] row : EXPECTED_OCTOBER) {
            rows.add(row[1] == null ? "- " + row[0] + " 未报送" : rank++ + " " + row[0] + " " + String.format("%.2f", (Double) row[1]) + " " + row[2] + " " + row[3]);
        }
        return rows;
    }

    private static List<String> rows(JsonNode ranking) {
        List<String> rows = new ArrayList<>();
        for (JsonNode entry : ranking.get("entries")) {
            boolean submitted = entry.get("status").asText().equals("SUBMITTED");
            rows.add(entry.get("rank").asInt() + " " + entry.get("unitCode").asText() + " "
                    + (submitted ? String.format("%.2f", entry.get("score").asDouble()) : "-") + " "
                    + entry.get("tier").asText() + " " + entry.get("status").asText());
        }
        // the units that submitted nothing: listed after the ranked ones, without rank, score or tier
        for (JsonNode unit : ranking.path("notSubmitted")) {
            rows.add("- " + unit.get("unitCode").asText() + " " + unit.get("label").asText());
        }
        return rows;
    }

    private static List<String> types(cn.partybuilding.local.ServiceProcess notification, String recipient, String period) {
        List<String> types = new ArrayList<>();
        for (JsonNode notice : get(notification, "/inbox/" + recipient).json()) {
            if (period.equals(notice.path("period").asText())) {
                types.add(notice.get("noticeType").asText());
            }
        }
        return types;
    }

    private static JsonNode ok(Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, () -> response.status() + " " + response.body());
        return response.body().isBlank() ? null : response.json();
    }
}
