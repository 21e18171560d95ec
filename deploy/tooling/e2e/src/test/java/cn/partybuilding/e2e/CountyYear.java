package cn.partybuilding.e2e;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.e2e.CountyMonthEndToEndTest.UnitPlan;
import cn.partybuilding.e2e.RunningSystem.Response;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static cn.partybuilding.e2e.CountyMonthEndToEndTest.PLAN;
import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The county of {@link CountyMonthEndToEndTest} (its {@code PLAN}: the same units, scores, study, bonus, finding and
 * failed exams) through September and October of a given past year, up to the publication of both months and their
 * notices: the same requests in every year, so that two years of it can be compared row for row. The month is cut into
 * {@link Phase}s; each runs through {@link Faults#around}, where the fault test injects a fault and the fault-free run
 * does nothing, and ends when its effect is visible where it is consumed (the hand-computed composites of the
 * end-to-end test's table).
 */
final class CountyYear {
    /** The parts of the month a fault is injected around, in the order the month runs them. */
    enum Phase {
        /** September's scores and study batch, entered in assessment-service; ends when reporting-service ranks them. */
        SEPTEMBER,
        /** U002's leader's October discussion, sent by the learning platform straight onto the broker; ends when assessment-service has it. */
        PLATFORM_RECORD,
        /** October's study batch and U001's bonus; ends when reporting-service counts them. */
        OCTOBER_STUDY,
        /** U007's finding and the failed exams; ends when reporting-service counts the finding. */
        FINDINGS,
        /** October's publication (September's is just published); ends when notification-service has its notices. */
        PUBLICATION
    }

    /** What happens around each phase: nothing in the fault-free run. */
    interface Faults {
        /** Runs {@code step} and waits until {@code caughtUp} holds, doing whatever the phase's fault is around it. */
        void around(Phase phase, Runnable step, BooleanSupplier caughtUp);

        Faults NONE = (phase, step, caughtUp) -> {
            step.run();
            awaitCaughtUp(phase, caughtUp);
        };
    }

    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** U002's leader attends October's discussion through the learning platform's own producer, not the REST batch. */
    private static final String PLATFORM_MEMBER = "U002-001";

    private final RunningSystem system;

    CountyYear(RunningSystem system) {
        this.system = system;
    }

    /** The units, their branches and members (members from 1 January of {@code firstYear}), once for every year run. */
    void register(int firstYear) {
        var admin = system.as("committee-admin");
        for (UnitPlan unit : PLAN) {
            ok(post(system.assessment, "/units", Map.of("unitCode", unit.code(), "name", unit.name(), "category", "党政机关"), admin));
            String branch = ok(post(system.assessment, "/organizations", Map.of("unitCode", unit.code(), "kind", "BRANCH",
                    "name", unit.name() + "机关党支部"), admin)).get("organizationId").asText();
            List<String> roster = unit.roster();
            for (String member : roster) {
                String role = member.equals(unit.secretary()) ? "SECRETARY" : member.equals(unit.leader()) ? "PRINCIPAL_LEADER" : "MEMBER";
                Map<String, Object> body = new LinkedHashMap<>(Map.of("memberId", member, "unitCode", unit.code(),
                        "organizationId", branch, "name", unit.name() + "党员" + member.substring(member.length() - 1),
                        "rank", "DEPUTY_DIVISION_OR_ABOVE", "role", role, "active", true));
                body.put("effectiveFrom", firstYear + "-01-01");
                body.put("email", member.toLowerCase() + "@county.example");
                ok(post(system.assessment, "/members", body, admin));
            }
        }
    }

    /** September and October of {@code year}, published, with {@code faults} around each phase. */
    void run(int year, Faults faults) {
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var platform = system.learningPlatform();
        String september = year + "-09";
        String october = year + "-10";
        ok(RunningSystem.put(system.assessment, "/indicator-systems/" + year, CountyMonthEndToEndTest.INDICATOR_SYSTEM, admin));

        faults.around(Phase.SEPTEMBER, () -> {
            scores(september, PLAN);
            studyBatch(september, false);
        }, () -> composites(september).equals(expectedComposites()));

        // half of October's scores, then the learning platform's record while (in the fault run) assessment-service is dead
        scores(october, PLAN.subList(0, PLAN.size() / 2));
        faults.around(Phase.PLATFORM_RECORD, () -> TopicProbe.publishAs(system.broker.bootstrapServers(),
                KafkaAccess.LEARNING_PLATFORM.name(), Topics.STUDY, CloudEvent.of("/learning-platform", EventTypes.STUDY_COMPLETED, "U002",
                        CloudEventCodec.toTree(completion(PLATFORM_MEMBER, "U002", october)))),
                () -> ok(get(system.assessment, "/study/completions?memberId=" + PLATFORM_MEMBER + "&period=" + october, admin)).size() == 1);
        scores(october, PLAN.subList(PLAN.size() / 2, PLAN.size()));

        faults.around(Phase.OCTOBER_STUDY, () -> {
            studyBatch(october, true);
            ok(post(system.assessment, "/bonuses", Map.of("unitCode", "U001", "period", october, "points", 2, "reason", "省级表彰"), assessor));
        }, () -> composites(october).equals(withAdjustments(expectedComposites(), true)));

        faults.around(Phase.FINDINGS, () -> {
            ok(post(system.assessment, "/findings", Map.of("unitCode", "U007", "period", october, "deductionPoints", 3, "source", "督查",
                    "description", "三会一课记录不全", "deadline", "2079-12-31"), assessor));
            ok(post(system.assessment, "/study/exam-results/batch", Map.of("period", october, "results", List.of(
                    Map.of("memberId", "U009-001", "unitCode", "U009", "examId", year + "-H2-theory", "date", october + "-20", "score", 45),
                    Map.of("memberId", CountyMonthEndToEndTest.PLAIN_MEMBER, "unitCode", CountyMonthEndToEndTest.MEMBER_UNIT,
                            "examId", year + "-H2-theory", "date", october + "-20", "score", 52))), platform));
        }, () -> composites(october).equals(withAdjustments(expectedComposites(), false)));
        // the table of the end-to-end test, ranks and tiers included
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(CountyMonthEndToEndTest.expectedRows(), CountyMonthEndToEndTest.rows(get(system.reporting, "/rankings/" + october, admin).json())));

        ok(post(system.assessment, "/periods/" + september + "/lock", Map.of(), admin));
        ok(post(system.assessment, "/periods/" + october + "/lock", Map.of(), admin));
        publishedOnceLocked(september);
        faults.around(Phase.PUBLICATION, () -> publishedOnceLocked(october), () -> {
            List<String> notices = notices(year);
            // what the end-to-end test expects of October's publication (the fault test compares the rest with the fault-free year)
            return notices.contains("COMMENDATION U001-002 Y-10") && notices.contains("CRITICISM U009-002 Y-10")
                    && notices.contains("INTERVIEW U009-001 Y-10") && PLAN.stream().allMatch(u -> notices.contains("MONTHLY_BULLETIN " + u.secretary() + " Y-10"));
        });
    }

    /** Every issued notice of {@code year} as "type recipient period", the year written Y, sorted (repeats kept). */
    List<String> notices(int year) {
        List<String> notices = new ArrayList<>();
        for (JsonNode notice : ok(get(system.notification, "/notices", system.as("committee-admin")))) {
            String period = notice.path("period").asText();
            if (period.startsWith(year + "-")) {
                notices.add(notice.path("noticeType").asText() + " " + notice.path("recipientId").asText() + " Y" + period.substring(4));
            }
        }
        notices.sort(null);
        return notices;
    }

    /** The published ranking of the month (its latest version) as the end-to-end test's rows. */
    List<String> published(String month) {
        return CountyMonthEndToEndTest.rows(ok(get(system.reporting, "/rankings/" + month + "/published", system.as("committee-admin"))));
    }

    static void awaitCaughtUp(Phase phase, BooleanSupplier caughtUp) {
        await(phase.name()).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(caughtUp::getAsBoolean);
    }

    private void scores(String period, List<UnitPlan> units) {
        var assessor = system.as("assessor");
        for (UnitPlan unit : units) {
            if (unit.p1() != null) {
                ok(post(system.assessment, "/assessments", score(unit.code(), "P1", period, unit.p1()), assessor));
                ok(post(system.assessment, "/assessments", score(unit.code(), "D1", period, unit.d1()), assessor));
            }
        }
    }

    /** The month's discussions as one batch of the learning platform; in October without the one it sends through Kafka. */
    private void studyBatch(String period, boolean withoutPlatformRecord) {
        List<Map<String, Object>> completions = new ArrayList<>();
        for (UnitPlan unit : PLAN) {
            for (String member : unit.roster().subList(0, unit.done())) {
                if (!(withoutPlatformRecord && member.equals(PLATFORM_MEMBER))) {
                    completions.add(completion(member, unit.code(), period));
                }
            }
        }
        JsonNode batch = ok(post(system.assessment, "/study/completions/batch", Map.of("period", period, "completions", completions),
                system.learningPlatform()));
        assertEquals(completions.size(), batch.get("created").asInt(), batch.toString());
    }

    private static Map<String, Object> completion(String member, String unit, String period) {
        return Map.of("memberId", member, "unitCode", unit, "activityType", "MONTHLY_DISCUSSION", "date", period + "-15", "minutes", 90);
    }

    private static Map<String, Object> score(String unit, String indicator, String period, double score) {
        return Map.of("unitCode", unit, "indicatorCode", indicator, "period", period, "score", score, "evidence", "现场检查记录");
    }

    /** 0.6 × (P1 + 40 × rate) + 0.4 × D1 per assessed unit, as in the end-to-end test's table, rounded to cents. */
    private static Map<String, String> expectedComposites() {
        Map<String, String> composites = new LinkedHashMap<>();
        for (UnitPlan unit : PLAN) {
            if (unit.p1() != null) {
                double rate = (double) unit.done() / unit.roster().size();
                composites.put(unit.code(), cents(0.6 * (unit.p1() + 40 * rate) + 0.4 * unit.d1()));
            }
        }
        return composites;
    }

    /** October's adjustments: U001's bonus (+2), and unless {@code bonusOnly} U007's finding (−3). */
    private static Map<String, String> withAdjustments(Map<String, String> composites, boolean bonusOnly) {
        composites.put("U001", cents(Double.parseDouble(composites.get("U001")) + 2));
        if (!bonusOnly) {
            composites.put("U007", cents(Double.parseDouble(composites.get("U007")) - 3));
        }
        return composites;
    }

    /** The live ranking's composite per assessed unit, rounded to cents; empty while reporting-service does not answer. */
    private Map<String, String> composites(String month) {
        Map<String, String> composites = new LinkedHashMap<>();
        Response ranking = get(system.reporting, "/rankings/" + month, system.as("committee-admin"));
        if (ranking.status() != 200) {
            return composites;
        }
        for (JsonNode entry : ranking.json().path("entries")) {
            if (entry.path("status").asText().equals("SUBMITTED")) {
                composites.put(entry.get("unitCode").asText(), cents(entry.get("score").asDouble()));
            }
        }
        return composites;
    }

    private static String cents(double value) {
        return String.format("%.2f", value);
    }

    /** Publishes the month, as the committee, once reporting-service has heard of its lock (409 until then). */
    private void publishedOnceLocked(String month) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response response = post(system.reporting, "/rankings/" + month + "/publish", "", system.as("committee-admin"));
            assertEquals(200, response.status(), response.body());
        });
    }

    private static JsonNode ok(Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, () -> response.status() + " " + response.body());
        return response.body().isBlank() ? null : response.json();
    }
}
