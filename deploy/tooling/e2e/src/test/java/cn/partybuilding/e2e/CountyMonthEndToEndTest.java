package cn.partybuilding.e2e;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.e2e.RunningSystem.Response;
import cn.partybuilding.identity.CountyRealm;
import cn.partybuilding.identity.TokenClient;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.ServiceProcess;
import cn.partybuilding.local.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static cn.partybuilding.e2e.RunningSystem.get;
import static cn.partybuilding.e2e.RunningSystem.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committee's month, across the three services as they run in production, each step done by whom the role
 * matrix of issue 14 allows, signed in at a real Keycloak with the county realm: the committee admin enters the
 * organisation and the indicator system, the assessor scores, a finding and a bonus, the learning platform's service
 * account sends the month's study and exam batches; reporting-service ranks the units from the events; the committee
 * admin locks and publishes September and October, which sends the notices notification-service puts in the inboxes;
 * secretary-u001 reads its unit's scorecard and its inbox and signs (签收) its commendation, member-u001 reads its
 * own inbox. {@link #signInIsEnforcedForEveryRole} checks what each role may not do.
 *
 * <p>The units are U001 … U011 so that the realm's demo people ({@code unit_code} U001, {@code member_id}
 * U001-002 …) are their secretaries and members: {@code <unit>-002} is a unit's secretary, {@code -001} its principal
 * leader, and U001 has a plain member, U001-006 (member-u001), who fails October's theory exam.
 *
 * <p>Hand-computed example (indicator system 2026: POLITICAL weight 60 = P1 manual max 60 + P2 study rate
 * max 40 over MONTHLY_DISCUSSION, monthly, all members; DISCIPLINE weight 40 = D1 manual max 100; bonus
 * cap 5). Each unit has two members (its secretary and its principal leader), U001 three (and all three attend);
 * composite = 0.6 × (P1 + 40 × rate) + 0.4 × D1 + bonus − deduction.
 * <pre>
 * unit  P1  rate  D1  adj      composite                      rank  tier
 * U001  60  3/3  100  +2 bonus 0.6×100 + 40 + 2      = 102.0    1   ADVANCED
 * U002  55  2/2   90           0.6×95 + 36           =  93.0    2   ADVANCED
 * U003  50  2/2   90           0.6×90 + 36           =  90.0    3   MIDDLE
 * U005  45  2/2   85           0.6×85 + 34           =  85.0    4   MIDDLE   tie with U004: higher completion rate first
 * U004  55  1/2  100           0.6×75 + 40           =  85.0    5   MIDDLE
 * U006  50  1/2   90           0.6×70 + 36           =  78.0    6   MIDDLE
 * U007  40  2/2   75  −3 find. 0.6×80 + 30 − 3       =  75.0    7   MIDDLE
 * U008  40  1/2   70           0.6×60 + 28           =  64.0    8   MIDDLE
 * U011  35  1/2   65           0.6×55 + 26           =  59.0    9   MIDDLE
 * U009  30  0/2   60           0.6×30 + 24           =  42.0   10   LAGGING  bottom 10 % of the 10 assessed units, rounded up
 * U010  —    —     —           no assessment         未报送: listed, never ranked, no score, tier nor tier notice
 * </pre>
 * Tiers: top 20 % of the 10 assessed units = 2 ADVANCED. September has the same scores without the
 * bonus and the finding, so U009 is LAGGING two months running (an interview notice to its
 * principal leader). U009's principal leader and U001's member U001-006 fail the October theory exam (education
 * reminders, to them and to their branch secretary); an exam has no weight in this indicator system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        /** member id of the secretary: secretary-u001's {@code member_id} is U001-002 */
        String secretary() {
            return code + "-002";
        }

        String leader() {
            return code + "-001";
        }

        /** The roster, in the order its members attend the month's discussion ({@code done} of them do). */
        List<String> roster() {
            return code.equals(MEMBER_UNIT) ? List.of(secretary(), leader(), PLAIN_MEMBER) : List.of(secretary(), leader());
        }
    }

    /** member-u001 of the realm: a plain member of U001, no unit_code in its token. */
    static final String PLAIN_MEMBER = "U001-006";
    static final String MEMBER_UNIT = "U001";

    static final List<UnitPlan> PLAN = List.of(
            new UnitPlan("U001", "县委办公室", 60.0, 3, 100.0),
            new UnitPlan("U002", "县发展和改革局", 55.0, 2, 90.0),
            new UnitPlan("U003", "县教育局", 50.0, 2, 90.0),
            new UnitPlan("U004", "县财政局", 55.0, 1, 100.0),
            new UnitPlan("U005", "县公安局", 45.0, 2, 85.0),
            new UnitPlan("U006", "县民政局", 50.0, 1, 90.0),
            new UnitPlan("U007", "县司法局", 40.0, 2, 75.0),
            new UnitPlan("U008", "县交通运输局", 40.0, 1, 70.0),
            new UnitPlan("U009", "县水利局", 30.0, 0, 60.0),
            new UnitPlan("U010", "县统计局", null, 0, null),
            new UnitPlan("U011", "县审计局", 35.0, 1, 65.0));

    /** The indicator system of the table above (PUT /indicator-systems/{year}). */
    static final Map<String, Object> INDICATOR_SYSTEM = Map.of(
            "bonusCap", 5, "examPassScore", 60,
            "dimensions", List.of(
                    Map.of("code", "POLITICAL", "name", "政治建设", "weight", 60, "indicators", List.of(
                            Map.of("code", "P1", "name", "落实第一议题制度", "maxPoints", 60, "kind", "MANUAL"),
                            Map.of("code", "P2", "name", "月谈完成率", "maxPoints", 40, "kind", "STUDY_RATE",
                                    "activityTypes", List.of("MONTHLY_DISCUSSION")))),
                    Map.of("code", "DISCIPLINE", "name", "纪律建设", "weight", 40, "indicators", List.of(
                            Map.of("code", "D1", "name", "廉政教育", "maxPoints", 100, "kind", "MANUAL")))),
            "studyPlan", List.of(Map.of("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS")));

    /** rank order, composite and tier of October, from the table above. */
    static final List<Object[]> EXPECTED_OCTOBER = List.of(
            new Object[]{"U001", 102.0, "ADVANCED", "SUBMITTED"},
            new Object[]{"U002", 93.0, "ADVANCED", "SUBMITTED"},
            new Object[]{"U003", 90.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U005", 85.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U004", 85.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U006", 78.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U007", 75.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U008", 64.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U011", 59.0, "MIDDLE", "SUBMITTED"},
            new Object[]{"U009", 42.0, "LAGGING", "SUBMITTED"},
            new Object[]{"U010", null, null, "NOT_SUBMITTED"});

    @Test
    @Order(1)
    void scoresEnteredInAssessmentBecomeTheRankingAndTheNotices() {
        var assessment = system.assessment;
        var reporting = system.reporting;
        var notification = system.notification;
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var platform = system.learningPlatform();

        enterTheCounty(() -> assessment, admin);
        Map<String, String> assessmentIds = new LinkedHashMap<>();
        for (String period : List.of("2026-09", "2026-10")) {
            List<Map<String, Object>> completions = new ArrayList<>();
            for (UnitPlan unit : PLAN) {
                if (unit.p1() != null) {
                    assessmentIds.put(unit.code() + " P1 " + period,
                            ok(post(assessment, "/assessments", score(unit.code(), "P1", period, unit.p1()), assessor)).get("assessmentId").asText());
                    ok(post(assessment, "/assessments", score(unit.code(), "D1", period, unit.d1()), assessor));
                }
                for (String member : unit.roster().subList(0, unit.done())) {
                    completions.add(Map.of("memberId", member, "unitCode", unit.code(),
                            "activityType", "MONTHLY_DISCUSSION", "date", period + "-15", "minutes", 90));
                }
            }
            // the learning platform sends the month's records in one batch, signed in as its service account
            JsonNode batch = ok(post(assessment, "/study/completions/batch", Map.of("period", period, "completions", completions), platform));
            assertEquals(completions.size(), batch.get("created").asInt(), batch.toString());
        }
        octobersBonusFindingAndExams(() -> assessment, assessor, platform);

        // reporting-service ranks what the events said, exactly as computed by hand above
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(expectedRows(), rows(get(reporting, "/rankings/2026-10", admin).json())));
        JsonNode scorecard = get(reporting, "/units/U007/scorecard/2026-10", admin).json();
        assertEquals(3.0, scorecard.get("deductions").asDouble(), 0.001);
        assertEquals(75.0, scorecard.get("composite").asDouble(), 0.001);

        // frozen months: a month is published only once assessment-service has locked it
        Response unlocked = post(reporting, "/rankings/2026-09/publish", "", admin);
        assertEquals(409, unlocked.status(), unlocked.body());
        assertEquals("2026年9月尚未锁定：请先在考评服务锁定该月再发布", unlocked.json().get("detail").asText());
        ok(post(assessment, "/periods/2026-09/lock", lock(), admin));
        ok(post(assessment, "/periods/2026-10/lock", lock(), admin));
        publishedOnceLocked(reporting, "2026-09");
        JsonNode october = publishedOnceLocked(reporting, "2026-10");
        assertEquals(expectedRows(), rows(october));
        assertEquals(1, october.get("version").asInt());

        // notification-service turns the publication into notices, one per (type, recipient, period)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertOctobersNotices(notification, system.as("committee-admin"));
        });
        // one bulletin: one document, one 文号, 主送 every unit (the 未报送 one too); the commendations have their own numbers
        java.util.Set<String> bulletinNumbers = new java.util.TreeSet<>();
        for (UnitPlan unit : PLAN) {
            bulletinNumbers.add(documentNumber(notification, unit.secretary(), "MONTHLY_BULLETIN", "2026-10"));
        }
        assertEquals(1, bulletinNumbers.size(), bulletinNumbers.toString());
        assertTrue(!bulletinNumbers.contains(documentNumber(notification, "U001-002", "COMMENDATION", "2026-10")));
        // 未报送 is no tier: no criticism, no interview
        assertTrue(!types(notification, "U010-002", "2026-10").contains("CRITICISM"), "an unranked unit is not criticised");
        assertTrue(!types(notification, "U010-001", "2026-10").contains("INTERVIEW"), "an unranked unit is not interviewed");
        assertTrue(!types(notification, "U003-002", "2026-10").contains("COMMENDATION"), "a MIDDLE unit is not commended");
        assertTrue(!types(notification, "U009-001", "2026-09").contains("INTERVIEW"), "one lagging month is no interview yet");

        theSecretaryAndTheMemberSeeTheirOwnAndSignTheirNotice();
        correctingALockedMonthNeedsAReopenAndIsPublishedAsVersionTwo(assessmentIds.get("U009 P1 2026-10"));
    }

    /** Issue 16: the party work besides the scores (meetings, 责任清单, branches, the two-step 销号), on this county. */
    @Test
    @Order(2)
    void thePartyWorkOfTheUnitsCountsToo() {
        PartyWorkScenario work = new PartyWorkScenario(system);
        work.aMeetingRecordedByTheBranchSecretaryBecomesCompletions();
        work.aResponsibilityListItemCheckedOffCountsOnTheScorecard();
        work.theBranchesAreRankedFromWhatTheyRecorded();
        work.aRectificationItemIsClosedInTwoSteps();
    }

    /**
     * secretary-u001 (unit_code U001, member_id U001-002) reads its unit's scorecard and its inbox, opens the
     * commendation and signs it (签收); member-u001 (member_id U001-006) reads its own inbox: the education reminder.
     */
    private void theSecretaryAndTheMemberSeeTheirOwnAndSignTheirNotice() {
        var secretary = system.as("secretary-u001");
        var member = system.as("member-u001");
        Response card = get(system.reporting, "/units/U001/scorecard/2026-10", secretary);
        assertEquals(200, card.status(), card.toString());
        assertEquals(102.0, card.json().get("composite").asDouble(), 0.001);

        Response inbox = get(system.notification, "/inbox/U001-002", secretary);
        assertEquals(200, inbox.status(), inbox.toString());
        JsonNode commendation = null;
        for (JsonNode notice : inbox.json()) {
            if (notice.get("noticeType").asText().equals("COMMENDATION") && notice.get("period").asText().equals("2026-10")) {
                commendation = notice;
            }
        }
        assertTrue(commendation != null, inbox.body());
        assertTrue(commendation.get("title").asText().contains("表扬"), commendation.toString());
        assertTrue(commendation.get("documentNumber").asText().contains("〔2026〕"), commendation.toString());
        assertTrue(!commendation.get("acknowledged").asBoolean(), commendation.toString());
        String id = commendation.get("id").asText();
        JsonNode signed = ok(post(system.notification, "/notices/" + id + "/acknowledge", acknowledgement(), secretary));
        assertTrue(signed.path("acknowledgement").hasNonNull("at"), signed.toString());
        Response unread = get(system.notification, "/inbox/U001-002?status=unread", secretary);
        assertEquals(200, unread.status(), unread.toString());
        for (JsonNode notice : unread.json()) {
            assertTrue(!notice.get("id").asText().equals(id), "a signed notice is no longer unread: " + unread.body());
        }

        Response own = get(system.notification, "/inbox/" + PLAIN_MEMBER, member);
        assertEquals(200, own.status(), own.toString());
        List<String> types = new ArrayList<>();
        own.json().forEach(n -> types.add(n.get("noticeType").asText() + " " + n.get("recipientId").asText()));
        assertEquals(List.of("EDUCATION_REMINDER " + PLAIN_MEMBER), types, "the member's own education reminder, nothing else");
    }

    /**
     * What each role may not do, once the services enforce sign-in (issue 14): no token → 401 problem+json on every
     * service, a token for another audience → 401; a secretary, an assessor, the auditor may not publish (403); another
     * unit's scorecard, notice and inbox answer as if they did not exist (404, or an inbox without them); the auditor
     * reads the audit trail of each service; health and metrics answer on the management port without a token and no
     * longer on the application port. Runs after the county month (its units, scorecards and notices); every failed
     * expectation is collected, so one run lists all that is not enforced yet.
     */
    @Test
    @Order(3)
    void signInIsEnforcedForEveryRole() {
        var assessment = system.assessment;
        var reporting = system.reporting;
        var notification = system.notification;
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        var auditor = system.as("auditor");
        var secretary = system.as("secretary-u001");
        var member = system.as("member-u001");
        var platform = system.learningPlatform();
        List<String> failures = new ArrayList<>();

        // what is there: the county month ran first (admin sees U002's card and U002's secretary's bulletin)
        Response u002Card = get(reporting, "/units/U002/scorecard/2026-10", admin);
        assertEquals(200, u002Card.status(), "precondition, the county month has run: " + u002Card);
        String u002Bulletin = noticeId(notification, "U002-002", "MONTHLY_BULLETIN", "2026-10");
        String u001Bulletin = noticeId(notification, "U001-002", "MONTHLY_BULLETIN", "2026-10");

        // no token, a malformed token, a token for another audience: 401 problem+json
        String unsigned = "2026-08"; // never locked: an unenforced publish answers 409 and publishes nothing
        for (Object[] call : new Object[][]{
                {assessment, "GET", "/units"}, {assessment, "POST", "/assessments"}, {assessment, "GET", "/periods"},
                {reporting, "GET", "/rankings/2026-10"}, {reporting, "POST", "/rankings/" + unsigned + "/publish"},
                {reporting, "GET", "/units/U001/scorecard/2026-10"},
                {notification, "GET", "/inbox/U001-002"}, {notification, "POST", "/notices/" + u001Bulletin + "/acknowledge"}}) {
            ServiceProcess service = (ServiceProcess) call[0];
            String path = (String) call[2];
            Response response = call[1].equals("GET") ? get(service, path, RunningSystem.NO_TOKEN)
                    : post(service, path, "{}", RunningSystem.NO_TOKEN);
            expect(failures, "no token: " + call[1] + " " + service.name() + path, 401, response);
            if (response.status() == 401 && !response.contentType().startsWith("application/problem+json")) {
                failures.add("no token: " + call[1] + " " + service.name() + path + " is not problem+json: " + response);
            }
        }
        expect(failures, "a malformed token: GET reporting /rankings/2026-10", 401,
                RunningSystem.getWithAuthorization(reporting, "/rankings/2026-10", "Bearer not-a-token"));
        expect(failures, "the learning platform's token (audience assessment-service) at reporting", 401,
                get(reporting, "/rankings/2026-10", platform));

        // roles: publishing is the committee's
        expect(failures, "secretary-u001 publishes", 403, post(reporting, "/rankings/" + unsigned + "/publish", "", secretary));
        expect(failures, "the assessor publishes", 403, post(reporting, "/rankings/" + unsigned + "/publish", "", assessor));
        expect(failures, "the auditor publishes", 403, post(reporting, "/rankings/" + unsigned + "/publish", "", auditor));
        // October is locked again after the correction: an unenforced score answers 409 and writes nothing
        expect(failures, "the auditor scores", 403, post(assessment, "/assessments", score("U001", "P1", "2026-10", 10.0), auditor));
        expect(failures, "the learning platform reads units", 403, get(assessment, "/units", platform));
        expect(failures, "member-u001 runs a what-if", 403,
                post(reporting, "/rankings/2026-10/what-if", Map.of(), member));

        // another unit's things answer as if they did not exist
        expect(failures, "secretary-u001 reads its own scorecard", 200, get(reporting, "/units/U001/scorecard/2026-10", secretary));
        expect(failures, "secretary-u001 reads U002's scorecard", 404, get(reporting, "/units/U002/scorecard/2026-10", secretary));
        expect(failures, "secretary-u001 reads its own bulletin", 200, get(notification, "/notices/" + u001Bulletin, secretary));
        expect(failures, "secretary-u001 reads U002's bulletin", 404, get(notification, "/notices/" + u002Bulletin, secretary));
        expect(failures, "secretary-u001 signs U002's bulletin", 404,
                post(notification, "/notices/" + u002Bulletin + "/acknowledge", acknowledgement(), secretary));
        expectNoNoticesOf(failures, "secretary-u001 reads U002's secretary's inbox", "U002-002", get(notification, "/inbox/U002-002", secretary));
        expectNoNoticesOf(failures, "member-u001 reads its secretary's inbox", "U001-002", get(notification, "/inbox/U001-002", member));

        // who acted comes from the token, not from the body
        JsonNode signed = get(notification, "/notices/" + noticeId(notification, "U001-002", "COMMENDATION", "2026-10"), admin).json();
        String by = signed.path("acknowledgement").path("by").asText();
        if (!names(by, "secretary-u001")) {
            failures.add("the 签收 names who signed in (secretary-u001 / " + displayName("secretary-u001") + "): " + by);
        }
        // notification-service refuses a 签收 whose body still names a signer (an old client learns it), and signs nothing
        expect(failures, "secretary-u001 signs its bulletin with a `by` in the body", 400,
                post(notification, "/notices/" + u001Bulletin + "/acknowledge", Map.of("by", "办公室收发员"), secretary));
        JsonNode bulletin = get(notification, "/notices/" + u001Bulletin, admin).json();
        if (bulletin.path("acknowledgement").hasNonNull("at")) {
            failures.add("a refused 签收 (a `by` in the body) signed the bulletin: " + bulletin.path("acknowledgement"));
        }
        // assessment-service ignores an assessor named in the body: the score is the signed-in assessor's (November is open)
        Response named = post(assessment, "/assessments", Map.of("unitCode", "U001", "indicatorCode", "P1", "period", "2026-11",
                "score", 50, "evidence", "现场检查记录", "assessor", "冒名的考核员"), assessor);
        expect(failures, "the assessor scores November with another assessor named in the body", 201, named);
        if (named.status() == 201 && !names(named.json().path("assessor").asText(), "assessor")) {
            failures.add("the score names who signed in (assessor / " + displayName("assessor") + "), not the body: " + named.body());
        }

        // the audit trail: the auditor and the committee read it in each service
        for (ServiceProcess service : List.of(assessment, reporting, notification)) {
            expect(failures, "the auditor reads " + service.name() + " /audit", 200, get(service, "/audit", auditor));
            expect(failures, "secretary-u001 reads " + service.name() + " /audit", 403, get(service, "/audit", secretary));
        }

        // probes need no token, on the management interface, its own port; the application port has nothing open
        for (ServiceProcess service : List.of(assessment, reporting, notification)) {
            if (service.managementUrl().equals(service.baseUrl())) {
                failures.add(service.name() + ": health answers on the application port, not on a management port of its own");
            }
            expect(failures, service.name() + " management /q/health/ready without a token", 200,
                    RunningSystem.getUrl(service.managementUrl() + "/q/health/ready"));
            expect(failures, service.name() + " management /q/metrics without a token", 200,
                    RunningSystem.getUrl(service.managementUrl() + "/q/metrics"));
            Response appHealth = get(service, "/q/health/ready", RunningSystem.NO_TOKEN);
            if (appHealth.status() == 200) {
                failures.add(service.name() + ": /q/health/ready still answers on the application port without a token");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " expectations not met:\n" + String.join("\n", failures));
    }

    private static void expect(List<String> failures, String what, int status, Response response) {
        if (response.status() != status) {
            failures.add(what + ": expected " + status + " but was " + response.status() + " " + abbreviated(response.body()));
        }
    }

    /** An inbox that is not the caller's: 404, or a list without that recipient's notices. */
    private static void expectNoNoticesOf(List<String> failures, String what, String recipient, Response response) {
        if (response.status() == 404) {
            return;
        }
        if (response.status() != 200) {
            failures.add(what + ": expected 404 or an inbox without " + recipient + "'s notices, was " + response.status() + " " + abbreviated(response.body()));
            return;
        }
        for (JsonNode notice : response.json()) {
            if (recipient.equals(notice.path("recipientId").asText())) {
                failures.add(what + ": shows " + recipient + "'s notices, e.g. " + notice.path("title").asText());
                return;
            }
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /**
     * Whether a recorded actor is that demo person: its user name or its display name (the token's {@code name} claim is
     * first and last name with a space between them, "县委办公室 书记"; the realm's display name joins them without one).
     */
    private static boolean names(String recorded, String username) {
        String plain = recorded.replaceAll("\\s+", "");
        return plain.contains(username) || plain.contains(displayName(username));
    }

    private static String displayName(String username) {
        return CountyRealm.demoUsers().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow().displayName();
    }

    /**
     * Frozen months, after October's version 1: a correction is refused while October is locked; a learning platform's
     * study record for October (U004's leader, 月谈 on 16 October) arriving now is kept and shown as late but leaves the
     * figures alone; the committee reopens October with a reason, the correction (U009 P1 30 → 40: 0.6 × 40 + 24 = 48) goes
     * in and the late record counts (U004 2/2: 0.6 × 95 + 40 = 97); locked again, October is republished as version 2 with
     * the reopen's reason, version 1 unchanged.
     */
    private void correctingALockedMonthNeedsAReopenAndIsPublishedAsVersionTwo(String u009P1) {
        var assessment = system.assessment;
        var reporting = system.reporting;
        var admin = system.as("committee-admin");
        var assessor = system.as("assessor");
        Map<String, Object> correction = Map.of("score", 40, "reason", "县纪委反馈第一议题制度落实情况");
        Response refused = post(assessment, "/assessments/" + u009P1 + "/corrections", correction, assessor);
        assertEquals(409, refused.status(), refused.body());

        // straight onto the broker, signed in as the learning platform (its ACLs allow writing study records, nothing else)
        TopicProbe.publishAs(system.broker.bootstrapServers(), KafkaAccess.LEARNING_PLATFORM.name(), Topics.STUDY, CloudEvent.of("/learning-platform", EventTypes.STUDY_COMPLETED, "U004",
                CloudEventCodec.toTree(Map.of("memberId", "U004-001", "unitCode", "U004", "activityType", "MONTHLY_DISCUSSION",
                        "date", "2026-10-16", "minutes", 60))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode card = get(reporting, "/units/U004/scorecard/2026-10", admin).json();
            assertEquals(1, card.get("lateRecords").get("notCounted").asInt(), card.toString());
            assertEquals(85.0, card.get("composite").asDouble(), 0.001, "a late record changed the locked month");
            assertEquals(1, get(assessment, "/study/late?period=2026-10", admin).json().size(), "assessment-service keeps it, marked late");
        });
        assertEquals(expectedRows(), rows(get(reporting, "/rankings/2026-10", admin).json()), "the live figures are still those published");

        Response reopenWithoutReason = post(assessment, "/periods/2026-10/reopen", reopen(null), admin);
        assertEquals(400, reopenWithoutReason.status(), reopenWithoutReason.body());
        String reason = "县纪委反馈U009第一议题制度落实情况，需更正";
        ok(post(assessment, "/periods/2026-10/reopen", reopen(reason), admin));
        ok(post(assessment, "/assessments/" + u009P1 + "/corrections", correction, assessor));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> scores = scores(get(reporting, "/rankings/2026-10", admin).json());
            assertEquals(97.0, scores.get("U004"), 0.001, "the late record counts once October is reopened");
            assertEquals(48.0, scores.get("U009"), 0.001, "the correction counts");
        });

        ok(post(assessment, "/periods/2026-10/lock", lock(), admin));
        JsonNode v2 = publishedOnceLocked(reporting, "2026-10");
        assertEquals(2, v2.get("version").asInt());
        assertEquals(97.0, scores(v2).get("U004"), 0.001);
        JsonNode history = get(reporting, "/rankings/2026-10/history", admin).json();
        assertEquals(2, history.size());
        assertEquals(reason, history.get(1).get("reason").asText());
        assertEquals(85.0, scores(get(reporting, "/rankings/2026-10/published?version=1", admin).json()).get("U004"), 0.001);
        // the units hear of the correction: a 更正通报 to every unit's secretary, one document
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (UnitPlan unit : PLAN) {
                assertTrue(types(system.notification, unit.secretary(), "2026-10").contains("CORRECTION_BULLETIN"), unit.code());
            }
        });
    }

    /** The recipient's notice of that type and period, as the committee sees it. */
    private static JsonNode notice(ServiceProcess notification, String recipient, String type, String period) {
        for (JsonNode notice : get(notification, "/inbox/" + recipient, system.as("committee-admin")).json()) {
            if (period.equals(notice.path("period").asText()) && type.equals(notice.path("noticeType").asText())) {
                return notice;
            }
        }
        throw new AssertionError("no " + type + " for " + recipient + " in " + period);
    }

    /** The 文号 of the recipient's notice of that type and period. */
    private static String documentNumber(ServiceProcess notification, String recipient, String type, String period) {
        return notice(notification, recipient, type, period).path("documentNumber").asText();
    }

    private static String noticeId(ServiceProcess notification, String recipient, String type, String period) {
        return notice(notification, recipient, type, period).path("id").asText();
    }

    /** Publishes the month, as the committee, once reporting-service has heard of its lock (409 until then). */
    private static JsonNode publishedOnceLocked(ServiceProcess reporting, String month) {
        JsonNode[] published = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response response = post(reporting, "/rankings/" + month + "/publish", "", system.as("committee-admin"));
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

    /** The indicator system of 2026 and the county's units, branches and members (PLAN), entered by the committee admin. */
    static void enterTheCounty(Supplier<ServiceProcess> assessment, TokenClient.Caller admin) {
        ok(RunningSystem.put(assessment.get(), "/indicator-systems/2026", INDICATOR_SYSTEM, admin));

        for (UnitPlan unit : PLAN) {
            ok(post(assessment.get(), "/units", Map.of("unitCode", unit.code(), "name", unit.name(), "category", "党政机关"), admin));
            String branch = ok(post(assessment.get(), "/organizations", Map.of("unitCode", unit.code(), "kind", "BRANCH",
                    "name", unit.name() + "机关党支部"), admin)).get("organizationId").asText();
            ok(post(assessment.get(), "/members", member(unit, unit.secretary(), "书记", "SECRETARY", branch), admin));
            ok(post(assessment.get(), "/members", member(unit, unit.leader(), "局长", "PRINCIPAL_LEADER", branch), admin));
            if (unit.code().equals(MEMBER_UNIT)) {
                ok(post(assessment.get(), "/members", member(unit, PLAIN_MEMBER, "干部", "MEMBER", branch), admin));
            }
        }
    }

    /** October's bonus of U001, finding of U007 and the failed theory exams of U009's leader and member-u001. */
    static void octobersBonusFindingAndExams(Supplier<ServiceProcess> assessment, TokenClient.Caller assessor, TokenClient.Caller platform) {
        ok(post(assessment.get(), "/bonuses", Map.of("unitCode", "U001", "period", "2026-10", "points", 2, "reason", "省级表彰"), assessor));
        ok(post(assessment.get(), "/findings", Map.of("unitCode", "U007", "period", "2026-10", "deductionPoints", 3, "source", "督查",
                "description", "三会一课记录不全", "deadline", "2026-12-31"), assessor));
        ok(post(assessment.get(), "/study/exam-results/batch", Map.of("period", "2026-10", "results", List.of(
                Map.of("memberId", "U009-001", "unitCode", "U009", "examId", "2026-H2-theory", "date", "2026-10-20", "score", 45),
                Map.of("memberId", PLAIN_MEMBER, "unitCode", MEMBER_UNIT, "examId", "2026-H2-theory", "date", "2026-10-20", "score", 52))),
                platform));
    }

    static Map<String, Object> member(UnitPlan unit, String id, String title, String role, String branch) {
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

    // No body names who acted: the services take it from the token (issue 14). assessment-service ignores an
    // `assessor` or `by` still sent, notification-service refuses a 签收 naming its signer (400);
    // signInIsEnforcedForEveryRole sends them on purpose to check both.

    static Map<String, Object> score(String unit, String indicator, String period, double score) {
        return Map.of("unitCode", unit, "indicatorCode", indicator, "period", period, "score", score, "evidence", "现场检查记录");
    }

    static Map<String, Object> lock() {
        return Map.of();
    }

    private static Map<String, Object> reopen(String reason) {
        return reason == null ? Map.of() : Map.of("reason", reason);
    }

    /** 签收: an empty body, the token names the signer. */
    private static Map<String, Object> acknowledgement() {
        return Map.of();
    }

    static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        int rank = 1;
        for (Object[] row : EXPECTED_OCTOBER) {
            rows.add(row[1] == null ? "- " + row[0] + " 未报送" : rank++ + " " + row[0] + " " + String.format("%.2f", (Double) row[1]) + " " + row[2] + " " + row[3]);
        }
        return rows;
    }

    static List<String> rows(JsonNode ranking) {
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

    /** The notices October's publication and exam results put in the inboxes, as the committee sees them. */
    static void assertOctobersNotices(ServiceProcess notification, TokenClient.Caller admin) {
        assertTrue(types(notification, admin, "U001-002", "2026-10").contains("COMMENDATION"), "U001 secretary commended");
        assertTrue(types(notification, admin, "U002-002", "2026-10").contains("COMMENDATION"), "U002 secretary commended");
        assertTrue(types(notification, admin, "U009-002", "2026-10").contains("CRITICISM"), "U009 secretary criticised");
        assertTrue(types(notification, admin, "U009-001", "2026-10").contains("INTERVIEW"), "U009 leader: lagging twice → interview");
        // issue 16.6: requested when the result arrived (period examId/memberId), not with the month
        assertTrue(types(notification, admin, "U009-001", "2026-H2-theory/U009-001").contains("EDUCATION_REMINDER"), "failed exam → education reminder");
        assertTrue(types(notification, admin, PLAIN_MEMBER, "2026-H2-theory/" + PLAIN_MEMBER).contains("EDUCATION_REMINDER"), "failed exam → education reminder");
        for (UnitPlan unit : PLAN) {
            assertTrue(types(notification, admin, unit.secretary(), "2026-10").contains("MONTHLY_BULLETIN"), unit.code() + "'s secretary gets the bulletin");
        }
    }

    /** The notice types of a recipient's inbox in a period, as the committee sees them. */
    private static List<String> types(ServiceProcess notification, String recipient, String period) {
        return types(notification, system.as("committee-admin"), recipient, period);
    }

    static List<String> types(ServiceProcess notification, TokenClient.Caller admin, String recipient, String period) {
        List<String> types = new ArrayList<>();
        for (JsonNode notice : get(notification, "/inbox/" + recipient, admin).json()) {
            if (period.equals(notice.path("period").asText())) {
                types.add(notice.get("noticeType").asText());
            }
        }
        return types;
    }

    static JsonNode ok(Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, () -> response.status() + " " + response.body());
        return response.body().isBlank() ? null : response.json();
    }
}
