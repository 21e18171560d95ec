package cn.partybuilding.e2e;

import cn.partybuilding.e2e.CountyMonthEndToEndTest.UnitPlan;
import cn.partybuilding.identity.TokenClient;
import cn.partybuilding.local.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.e2e.CountyMonthEndToEndTest.MEMBER_UNIT;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.PLAIN_MEMBER;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.PLAN;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.assertOctobersNotices;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.enterTheCounty;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.expectedRows;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.lock;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.octobersBonusFindingAndExams;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.ok;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.rows;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.score;
import static cn.partybuilding.e2e.CountyMonthEndToEndTest.types;
import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 item 2: two instances of each service, each pair against one database, the requests spread over both. Mid
 * October the instance of each service whose outbox relay is active is SIGKILLed and started again under its name (as
 * Kubernetes restarts a container in its pod); the other one's relay takes over. The month then ranks exactly as the
 * single-instance {@link CountyMonthEndToEndTest} computes it by hand, and each notice is in its inbox once.
 */
class TwoInstancesEndToEndTest {
    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.twoOfEach();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twoInstancesOfEachServiceOneOfEachKilledMidMonthRankAndNotifyAsOne() {
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var platform = system.learningPlatform();
        Pair assessment = new Pair(system.assessment, system.assessment2);
        Pair reporting = new Pair(system.reporting, system.reporting2);
        Pair notification = new Pair(system.notification, system.notification2);

        enterTheCounty(assessment::next, admin);
        scoreMonth(assessment, "2026-09", PLAN, assessor, platform);
        // October's first half
        int half = PLAN.size() / 2;
        scoreMonth(assessment, "2026-10", PLAN.subList(0, half), assessor, platform);

        // mid-month: the instance of each service whose relay publishes is killed; the other one takes over
        List<ServiceProcess> killed = new ArrayList<>();
        for (Pair pair : List.of(assessment, reporting, notification)) {
            ServiceProcess active = await().atMost(Duration.ofSeconds(30)).until(pair::activeRelay, p -> p != null);
            ServiceProcess survivor = pair.other(active);
            long killedAt = System.nanoTime();
            ProcessHandle.of(active.pid()).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> relayActive(survivor));
            System.out.printf("%s: the relay of the other instance took over %d ms after the SIGKILL%n", survivor.name(),
                    (System.nanoTime() - killedAt) / 1_000_000);
            pair.only(survivor);
            killed.add(active);
        }
        // started again under their own names (a container restarted in its pod): standbys now
        killed.forEach(ServiceProcess::start);

        scoreMonth(assessment, "2026-10", PLAN.subList(half, PLAN.size()), assessor, platform);
        octobersBonusFindingAndExams(assessment::next, assessor, platform);
        killed.forEach(k -> k.awaitReady(Duration.ofMinutes(2)));
        reporting.both();
        notification.both();
        assessment.both();

        // both reporting instances rank the month as the single instance does (each hears the other's commits)
        for (ServiceProcess instance : reporting.instances) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertEquals(expectedRows(), rows(get(instance, "/rankings/2026-10", admin).json()), instance.name()));
        }
        ok(post(assessment.next(), "/periods/2026-09/lock", lock(), admin));
        ok(post(assessment.next(), "/periods/2026-10/lock", lock(), admin));
        publishedOnceLocked(reporting.next(), "2026-09");
        JsonNode october = publishedOnceLocked(reporting.next(), "2026-10");
        assertEquals(expectedRows(), rows(october));
        assertEquals(1, october.get("version").asInt());
        for (ServiceProcess instance : reporting.instances) {
            JsonNode published = get(instance, "/rankings/2026-10/published", admin).json();
            assertEquals(expectedRows(), rows(published), instance.name() + " serves the publication");
        }

        // the notices of the single-instance run, each once, whichever instance is asked
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (ServiceProcess instance : notification.instances) {
                assertOctobersNotices(instance, admin);
            }
        });
        assertTrue(!types(notification.next(), admin, "U003-002", "2026-10").contains("COMMENDATION"), "a MIDDLE unit is not commended");
        assertTrue(!types(notification.next(), admin, "U009-001", "2026-09").contains("INTERVIEW"), "one lagging month is no interview yet");
        for (UnitPlan unit : PLAN) {
            for (String recipient : unit.roster()) {
                List<String> inbox = inbox(notification.next(), recipient);
                assertEquals(inbox.stream().distinct().count(), inbox.size(), recipient + ": a notice twice: " + inbox);
            }
        }
    }

    /** The month's scores (P1, D1) and its study batch for these units, spread over both instances. */
    private static void scoreMonth(Pair assessment, String period, List<UnitPlan> units, TokenClient.Caller assessor, TokenClient.Caller platform) {
        List<Map<String, Object>> completions = new ArrayList<>();
        for (UnitPlan unit : units) {
            if (unit.p1() != null) {
                ok(post(assessment.next(), "/assessments", score(unit.code(), "P1", period, unit.p1()), assessor));
                ok(post(assessment.next(), "/assessments", score(unit.code(), "D1", period, unit.d1()), assessor));
            }
            for (String member : unit.roster().subList(0, unit.done())) {
                completions.add(Map.of("memberId", member, "unitCode", unit.code(),
                        "activityType", "MONTHLY_DISCUSSION", "date", period + "-15", "minutes", 90));
            }
        }
        if (!completions.isEmpty()) {
            JsonNode batch = ok(post(assessment.next(), "/study/completions/batch", Map.of("period", period, "completions", completions), platform));
            assertEquals(completions.size(), batch.get("created").asInt(), batch.toString());
        }
    }

    private static boolean relayActive(ServiceProcess instance) {
        try {
            for (JsonNode check : RunningSystem.getUrl(instance.managementUrl() + "/q/health/ready").json().path("checks")) {
                if ("outbox".equals(check.path("name").asText())) {
                    return check.path("data").path("activeRelay").asBoolean(false);
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false; // not answering (killed, starting)
        }
    }

    private static JsonNode publishedOnceLocked(ServiceProcess reporting, String month) {
        JsonNode[] published = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            RunningSystem.Response response = post(reporting, "/rankings/" + month + "/publish", "", system.as("committee-admin"));
            assertEquals(200, response.status(), response.body());
            published[0] = response.json();
        });
        return published[0];
    }

    /** "<type> <period>" of each notice in the recipient's inbox, as the committee sees it. */
    private static List<String> inbox(ServiceProcess notification, String recipient) {
        List<String> notices = new ArrayList<>();
        for (JsonNode notice : get(notification, "/inbox/" + recipient, system.as("committee-admin")).json()) {
            notices.add(notice.path("noticeType").asText() + " " + notice.path("period").asText());
        }
        return notices;
    }

    /** The instances of one service; requests go to them in turn. */
    private static final class Pair {
        final List<ServiceProcess> instances;
        private final List<ServiceProcess> serving = new ArrayList<>();
        private int turn;

        Pair(ServiceProcess first, ServiceProcess second) {
            instances = List.of(first, second);
            serving.addAll(instances);
        }

        ServiceProcess next() {
            return serving.get(turn++ % serving.size());
        }

        ServiceProcess activeRelay() {
            Map<ServiceProcess, Boolean> active = new HashMap<>();
            instances.forEach(i -> active.put(i, relayActive(i)));
            List<ServiceProcess> holders = instances.stream().filter(active::get).toList();
            assertTrue(holders.size() <= 1, "one active relay at a time: " + holders);
            return holders.isEmpty() ? null : holders.get(0);
        }

        ServiceProcess other(ServiceProcess one) {
            return instances.get(0) == one ? instances.get(1) : instances.get(0);
        }

        void only(ServiceProcess survivor) {
            serving.clear();
            serving.add(survivor);
        }

        void both() {
            serving.clear();
            serving.addAll(instances);
        }
    }
}
