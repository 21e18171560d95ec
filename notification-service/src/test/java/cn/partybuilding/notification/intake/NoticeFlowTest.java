package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.support.ChannelServersResource;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.local.SmtpServer;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From a published ranking to notices: the events reporting-service sends for October 2026 produce the
 * bulletin, commendation, criticism, interview and education reminders, in the inbox and by e-mail, and
 * replaying them changes nothing.
 */
@QuarkusTest
// the committee's view of the notices (sign-in and roles are security/*Test's subject)
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class NoticeFlowTest {
    static final String PERIOD = "2026-10";
    static final String PUBLICATION_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Test
    void aPublishedRankingTurnsIntoTheRightNoticesOnceAndTheyAreMailed() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 9, 30));
        List<CloudEvent> events = octoberEvents();
        Reporting.publish(bootstrap, events.toArray(CloudEvent[]::new));

        // the advanced unit's secretary: 通报表扬
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/inbox/F101-SEC").then().statusCode(200).body("$", hasSize(1)));
        JsonPath commendation = given().get("/inbox/F101-SEC").then().extract().jsonPath();
        assertEquals("COMMENDATION", commendation.getString("[0].noticeType"));
        assertEquals("关于对县发展和改革局2026年10月机关党建工作予以通报表扬的通报", commendation.getString("[0].title"));
        assertTrue(commendation.getString("[0].documentNumber").matches("县直工委通〔2026〕\\d+号"), commendation.getString("[0].documentNumber"));
        assertEquals(false, commendation.getBoolean("[0].acknowledged"));

        // the lagging unit: 通报批评 to its secretary
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/inbox/F104-SEC").then().statusCode(200).body("$", hasSize(1)));
        assertEquals("关于对县统计局2026年10月机关党建工作予以通报批评的通报",
                given().get("/inbox/F104-SEC").then().extract().jsonPath().getString("[0].title"));

        // the twice-lagging unit: 约谈通知 to its principal leader, with the rectification deadline
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/inbox/F103-LEADER").then().statusCode(200).body("$", hasSize(1)));
        String interviewId = given().get("/inbox/F103-LEADER").then().extract().jsonPath().getString("[0].id");
        JsonPath interview = given().get("/notices/" + interviewId).then().statusCode(200).extract().jsonPath();
        assertEquals("关于约谈县住房和城乡建设局主要负责人的通知", interview.getString("title"));
        assertTrue(interview.getString("body").contains("务必于2026年12月31日前完成整改"), interview.getString("body"));
        assertTrue(interview.getString("document").endsWith("中共XX县直属机关工作委员会\n2026年11月25日"), interview.getString("document"));

        // the member who failed the exam and his branch secretary: 教育提醒
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/inbox/F-M1").then().statusCode(200).body("$", hasSize(1));
            given().get("/inbox/F-BS1").then().statusCode(200).body("$", hasSize(1));
        });
        assertEquals("关于对王建国同志进行教育提醒的通知", given().get("/inbox/F-M1").then().extract().jsonPath().getString("[0].title"));
        String reminderId = given().get("/inbox/F-BS1").then().extract().jsonPath().getString("[0].id");
        String secretaryText = given().get("/notices/" + reminderId).then().extract().jsonPath().getString("body");
        assertTrue(secretaryText.contains("你支部党员王建国同志（52分）在党的理论知识测试中未达到合格要求"), secretaryText);
        String memberId = given().get("/inbox/F-M1").then().extract().jsonPath().getString("[0].id");
        String memberText = given().get("/notices/" + memberId).then().extract().jsonPath().getString("body");
        assertTrue(memberText.contains("在2026年10月20日的党的理论知识测试（2026-H2-theory）中，你的成绩为52分，未达到合格要求"), memberText);

        // the monthly bulletin carries the ranking table
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/inbox/F102").then().statusCode(200).body("$", hasSize(1)));
        String bulletinId = given().get("/inbox/F102").then().extract().jsonPath().getString("[0].id");
        JsonPath bulletin = given().get("/notices/" + bulletinId).then().extract().jsonPath();
        assertEquals("关于2026年10月全县机关党建工作考评情况的通报", bulletin.getString("title"));
        String body = bulletin.getString("body");
        assertTrue(body.contains("第1名　县发展和改革局　95.5分　先进　较上月上升2位"), body);
        assertTrue(body.contains("第4名　县统计局　70分　后进"), body);
        assertTrue(body.contains("县发展和改革局等1个单位位列先进"), body);

        // e-mails: a real SMTP conversation with the test server, Chinese subjects intact
        SmtpServer smtp = ChannelServersResource.smtp();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(1, smtp.to("secretary101@fgj.example.gov.cn").size(), () -> "dialogue: " + smtp.dialogue());
            assertEquals(1, smtp.to("leader103@zjj.example.gov.cn").size());
            assertEquals(1, smtp.to("wangjianguo@tjj.example.gov.cn").size());
        });
        SmtpServer.Message mail = smtp.to("secretary101@fgj.example.gov.cn").get(0);
        assertEquals("关于对县发展和改革局2026年10月机关党建工作予以通报表扬的通报", mail.subject());
        assertTrue(mail.body().contains(commendation.getString("[0].documentNumber")), mail.body());
        assertTrue(mail.body().contains("决定对县发展和改革局予以通报表扬"), mail.body());
        assertEquals("关于约谈县住房和城乡建设局主要负责人的通知", smtp.to("leader103@zjj.example.gov.cn").get(0).subject());

        // notice.issued for other systems, keyed by unit code
        List<CloudEvent> issued = TopicProbe.events(bootstrap, Topics.NOTIFICATION, EventTypes.NOTICE_ISSUED, 1, Duration.ofSeconds(30));
        CloudEvent interviewIssued = issued.stream().filter(e -> interviewId.equals(e.data().path("noticeId").asText())).findFirst().orElseThrow();
        assertEquals("F103", interviewIssued.subject());
        assertEquals("INTERVIEW|F103-LEADER|2026-10", interviewIssued.data().get("noticeKey").asText());
        assertEquals(interview.getString("documentNumber"), interviewIssued.data().get("documentNumber").asText());
        assertEquals("0af7651916cd43dd8448eb211c80319c", interviewIssued.traceId(), "the notice keeps the trace id of the request that asked for it");

        // replay: the same events again, and the same requests under new event ids, change nothing
        List<Map<String, Object>> before = overview();
        int mailsBefore = smtp.messages().size();
        Reporting.publish(bootstrap, events.toArray(CloudEvent[]::new));
        Reporting.publish(bootstrap, octoberEvents().toArray(CloudEvent[]::new));
        Reporting.awaitConsumed(bootstrap);
        assertEquals(before, overview());
        assertEquals(10, before.size(), () -> "notices of 2026-10: " + before);
        // give the delivery job a few passes: nothing new is mailed either
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> smtp.messages().size() == mailsBefore);
    }

    /** Every notice of the period to this test's units (F101..F104): id, key and document number. */
    private List<Map<String, Object>> overview() {
        return given().queryParam("period", PERIOD).get("/notices").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.unitCode.startsWith('F10') }.collect { [id: it.id, noticeKey: it.noticeKey, documentNumber: it.documentNumber] }");
    }

    /** What reporting-service sends when it publishes October: the ranking, then one request per notice. */
    static List<CloudEvent> octoberEvents() {
        List<CloudEvent> events = new ArrayList<>();
        events.add(Reporting.ranking(PERIOD, 1, List.of(
                Reporting.entry(1, "F101", "县发展和改革局", 95.5, "ADVANCED", 2),
                Reporting.entry(2, "F102", "县财政局", 88, "MIDDLE", 0),
                Reporting.entry(3, "F103", "县住房和城乡建设局", 72.25, "MIDDLE", -1),
                Reporting.entry(4, "F104", "县统计局", 70, "LAGGING", -1))));
        String[][] units = {{"F101", "县发展和改革局"}, {"F102", "县财政局"}, {"F103", "县住房和城乡建设局"}, {"F104", "县统计局"}};
        for (String[] u : units) {
            events.add(Reporting.request("MONTHLY_BULLETIN", new Recipient(u[0], "UNIT", u[1], null), PERIOD, u[0], u[1], null, Map.of()));
        }
        events.add(Reporting.request("COMMENDATION", new Recipient("F101-SEC", "UNIT_SECRETARY", "李明", "secretary101@fgj.example.gov.cn"),
                PERIOD, "F101", "县发展和改革局", null, Map.of("rank", 1, "score", 95.5, "tier", "ADVANCED", "unitsRanked", 4)));
        events.add(Reporting.request("CRITICISM", new Recipient("F104-SEC", "UNIT_SECRETARY", "赵强", null),
                PERIOD, "F104", "县统计局", null, Map.of("rank", 4, "score", 70, "tier", "LAGGING", "unitsRanked", 4, "completionRate", 0.55)));
        events.add(Reporting.request("CRITICISM", new Recipient("F103-SEC", "UNIT_SECRETARY", "陈刚", null),
                PERIOD, "F103", "县住房和城乡建设局", null, Map.of("rank", 3, "score", 72.25, "tier", "LAGGING", "unitsRanked", 4)));
        events.add(Reporting.request("INTERVIEW", new Recipient("F103-LEADER", "PRINCIPAL_LEADER", "周伟", "leader103@zjj.example.gov.cn"),
                PERIOD, "F103", "县住房和城乡建设局", LocalDate.of(2026, 12, 31),
                Map.of("rank", 3, "score", 72.25, "reason", "2026年9月、10月机关党建工作考评连续两个月位列后进"))
                .withTraceparent(PUBLICATION_TRACE)); // the trace of the publication request that asked for it
        // as reporting-service plans them: the member's own facts, and the secretary's notice listing the members
        Map<String, Object> exam = Map.of("examId", "2026-H2-theory", "examScore", 52, "examDate", "2026-10-20");
        events.add(Reporting.request("EDUCATION_REMINDER", new Recipient("F-M1", "MEMBER", "王建国", "wangjianguo@tjj.example.gov.cn"),
                PERIOD, "F104", "县统计局", null, exam));
        Map<String, Object> listed = new java.util.LinkedHashMap<>(exam);
        listed.put("memberId", "F-M1");
        listed.put("memberName", "王建国");
        events.add(Reporting.request("EDUCATION_REMINDER", new Recipient("F-BS1", "BRANCH_SECRETARY", "孙丽", null),
                PERIOD, "F104", "县统计局", null, Map.of("members", List.of(listed))));
        return events;
    }
}
