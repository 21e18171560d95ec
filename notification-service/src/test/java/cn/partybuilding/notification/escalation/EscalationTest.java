package cn.partybuilding.notification.escalation;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.support.ChannelServersResource;
import cn.partybuilding.notification.support.MutableClock;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.notification.support.RosterEvents;
import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A notice nobody acknowledges within 3 working days goes up the chain; an acknowledged one does not. */
@QuarkusTest
class EscalationTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MutableClock clock;

    @Inject
    EscalationJob job;

    @Test
    void anUnacknowledgedNoticeEscalatesAfterThreeWorkingDaysAndKeepsClimbing() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 9, 0)); // Wednesday
        Reporting.publish(bootstrap,
                Reporting.request("STUDY_REMINDER", new Recipient("E-M1", "MEMBER", "李四", null), "2026-11", "E201", "县审计局",
                        null, Map.of("completionRate", 0.45)),
                Reporting.request("STUDY_REMINDER", new Recipient("E-M2", "MEMBER", "刘芳", null), "2026-11", "E201", "县审计局",
                        null, Map.of("completionRate", 0.5)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            asAdmin().get("/inbox/E-M1").then().body("$", hasSize(1));
            asAdmin().get("/inbox/E-M2").then().body("$", hasSize(1));
        });
        String ignoredId = asAdmin().get("/inbox/E-M1").then().extract().jsonPath().getString("[0].id");
        String ackedId = asAdmin().get("/inbox/E-M2").then().extract().jsonPath().getString("[0].id");
        String liuFang = TestTokens.person("member-e-m2", "刘芳", "MEMBER").unit("E201").member("E-M2").sign();
        given().auth().oauth2(liuFang).contentType(ContentType.JSON).body("{}").post("/notices/" + ackedId + "/acknowledge").then().statusCode(200);

        // Thu 26, Fri 27, (weekend), Mon 30: the third working day is still in time
        clock.setLocal(LocalDateTime.of(2026, 11, 30, 18, 0));
        assertTrue(ofUnit(job.escalateDue()).isEmpty());

        // Tuesday 1 December: late
        clock.setLocal(LocalDateTime.of(2026, 12, 1, 8, 30));
        List<Notice> escalations = ofUnit(job.escalateDue());
        assertEquals(1, escalations.size());
        assertEquals("E201:BRANCH_SECRETARY", escalations.get(0).recipientId);
        assertTrue(ofUnit(job.escalateDue()).isEmpty(), "a notice escalates once");

        JsonPath inbox = asAdmin().get("/inbox/E201:BRANCH_SECRETARY").then().statusCode(200).body("$", hasSize(1)).extract().jsonPath();
        assertEquals("ESCALATION", inbox.getString("[0].noticeType"));
        assertEquals("关于督促签收《关于李四同志2026年11月学习任务完成情况的提醒》的督办通知", inbox.getString("[0].title"));
        String escalationId = inbox.getString("[0].id");
        JsonPath escalation = asAdmin().get("/notices/" + escalationId).then().statusCode(200).extract().jsonPath();
        assertTrue(escalation.getString("body").contains("县直机关工委于2026年11月25日向李四同志印发《关于李四同志2026年11月学习任务完成情况的提醒》"),
                escalation.getString("body"));
        assertTrue(escalation.getString("body").contains("截至2026年12月1日已超过3个工作日仍未签收"), escalation.getString("body"));
        assertEquals(1, escalation.getInt("escalationLevel"));
        assertEquals(ignoredId, escalation.getString("escalatedFrom"));

        JsonPath original = asAdmin().get("/notices/" + ignoredId).then().extract().jsonPath();
        assertEquals("E201:BRANCH_SECRETARY", original.getString("escalatedTo"));
        JsonPath acked = asAdmin().get("/notices/" + ackedId).then().extract().jsonPath();
        assertEquals(null, acked.getString("escalatedTo"));

        List<CloudEvent> escalated = TopicProbe.events(bootstrap, Topics.NOTIFICATION, EventTypes.NOTICE_ESCALATED, 1, Duration.ofSeconds(30))
                .stream().filter(e -> ignoredId.equals(e.data().path("noticeId").asText())).toList();
        assertEquals(1, escalated.size());
        assertEquals("E201", escalated.get(0).subject());
        assertEquals("E201:BRANCH_SECRETARY", escalated.get(0).data().get("escalatedTo").asText());
        assertEquals(escalationId, escalated.get(0).data().get("escalationNoticeId").asText());

        // the branch secretary does not acknowledge either: Tue 1 + 3 working days = Fri 4; Monday 7 it goes to the unit secretary
        clock.setLocal(LocalDateTime.of(2026, 12, 4, 17, 0));
        assertTrue(ofUnit(job.escalateDue()).isEmpty());
        clock.setLocal(LocalDateTime.of(2026, 12, 7, 9, 0));
        List<Notice> second = ofUnit(job.escalateDue());
        assertEquals(1, second.size());
        assertEquals("E201:UNIT_SECRETARY", second.get(0).recipientId);
        assertEquals(2, second.get(0).escalationLevel);
        JsonPath secondLevel = asAdmin().get("/inbox/E201:UNIT_SECRETARY").then().statusCode(200).body("$", hasSize(1)).extract().jsonPath();
        assertEquals("关于督促签收《关于李四同志2026年11月学习任务完成情况的提醒》的督办通知", secondLevel.getString("[0].title"));
        String secondBody = asAdmin().get("/notices/" + secondLevel.getString("[0].id")).then().extract().jsonPath().getString("body");
        assertTrue(secondBody.contains("经督办（" + escalation.getString("documentNumber") + "）后，县审计局党支部书记截至2026年12月7日已超过3个工作日仍未签收"), secondBody);

        // nobody acknowledges: Mon 7 + 3 working days = Thu 10; on Friday 11 the committee hears of it, by inbox and e-mail
        clock.setLocal(LocalDateTime.of(2026, 12, 11, 9, 0));
        List<Notice> third = ofUnit(job.escalateDue());
        assertEquals(1, third.size());
        assertEquals("COMMITTEE", third.get(0).recipientId);
        String thirdNumber = third.get(0).documentNumber;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(ChannelServersResource.smtp().to("gwbgs@xzjggw.example.gov.cn")
                .stream().anyMatch(m -> m.body().contains(thirdNumber)
                        && m.subject().equals("关于督促签收《关于李四同志2026年11月学习任务完成情况的提醒》的督办通知"))));

        // the committee is the end of the chain
        clock.setLocal(LocalDateTime.of(2026, 12, 31, 9, 0));
        assertTrue(ofUnit(job.escalateDue()).isEmpty());
    }

    @Test
    void whenTheRosterKnowsTheBranchSecretaryTheEscalationReachesHerInboxAndMailbox() {
        clock.setLocal(LocalDateTime.of(2026, 11, 25, 9, 0));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.ORGANIZATION_REGISTERED,
                Map.of("organizationId", "E202-O1", "unitCode", "E202", "kind", "ORGANS_COMMITTEE", "name", "县交通运输局机关党委")));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.ORGANIZATION_REGISTERED,
                Map.of("organizationId", "E202-O2", "unitCode", "E202", "parentId", "E202-O1", "kind", "BRANCH", "name", "县交通运输局第一党支部")));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("E202", "E202-M", "E202-O2", "赵六", "MEMBER", null)));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("E202", "E202-BS", "E202-O2", "钱芳", "SECRETARY", "qianfang@jtj.example.gov.cn")));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("E202", "E202-US", "E202-O1", "孙伟", "SECRETARY", "sunwei@jtj.example.gov.cn")));
        Reporting.publish(bootstrap, Reporting.request("STUDY_REMINDER", new Recipient("E202-M", "MEMBER", "赵六", null), "2026-11", "E202", "县交通运输局",
                null, Map.of("completionRate", 0.3)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/inbox/E202-M").then().body("$", hasSize(1)));
        Reporting.awaitConsumed(bootstrap);

        clock.setLocal(LocalDateTime.of(2026, 12, 1, 9, 0));
        List<Notice> escalations = job.escalateDue().stream().filter(n -> "E202".equals(n.unitCode)).toList();
        assertEquals(1, escalations.size());
        assertEquals("E202-BS", escalations.get(0).recipientId);
        JsonPath inbox = asAdmin().get("/inbox/E202-BS").then().body("$", hasSize(1)).extract().jsonPath();
        String document = asAdmin().get("/notices/" + inbox.getString("[0].id")).then().extract().jsonPath().getString("document");
        assertTrue(document.contains("县交通运输局党支部书记钱芳同志："), document);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("关于督促签收《关于赵六同志2026年11月学习任务完成情况的提醒》的督办通知"),
                        ChannelServersResource.smtp().to("qianfang@jtj.example.gov.cn").stream().map(m -> m.subject()).toList()));

        // the member's 签收 comes too late to stop the first escalation, but the branch secretary acknowledges hers: no second one
        // she signs as herself: the 督办通知 is addressed to her member id
        String qianFang = TestTokens.person("member-e202-bs", "钱芳", "MEMBER").unit("E202").member("E202-BS").sign();
        given().auth().oauth2(qianFang).contentType(ContentType.JSON).body("{}").post("/notices/" + inbox.getString("[0].id") + "/acknowledge")
                .then().statusCode(200);
        clock.setLocal(LocalDateTime.of(2026, 12, 14, 9, 0));
        assertTrue(job.escalateDue().stream().noneMatch(n -> "E202".equals(n.unitCode)));
    }

    private static List<Notice> ofUnit(List<Notice> notices) {
        return notices.stream().filter(n -> "E201".equals(n.unitCode)).toList();
    }

    /** Reads as the committee, which sees every notice. */
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
