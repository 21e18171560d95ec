package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.notification.support.Reporting;
import cn.partybuilding.notification.support.Reporting.Recipient;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16.2 and 16.6 through the broker (units G201, G202): a 后进支部's secretary gets a 后进支部整顿通知 as reporting-service
 * requests it at the quarter's publication, and an exam failure's 教育提醒 with its period examId/memberId; the same
 * requests again (redelivered, and under new event ids) add nothing.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class BranchRectificationFlowTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static CloudEvent[] requests() {
        Map<String, Object> branch = new LinkedHashMap<>();
        branch.put("quarter", "2048-Q1");
        branch.put("branchId", "G201-B2");
        branch.put("branchName", "第二党支部");
        branch.put("rank", 5);
        branch.put("branchesRanked", 5);
        branch.put("score", 44.54);
        branch.put("tier", "LAGGING");
        branch.put("meetingRegularity", 0.3636);
        branch.put("studyCompletion", 0.5);
        branch.put("examPassRate", 0.5);
        CloudEvent rectification = Reporting.request("BRANCH_RECTIFICATION", new Recipient("G201-B2-S", "BRANCH_SECRETARY", "吴敏", null),
                "2048-Q1/G201-B2", "G201", "县司法局", LocalDate.of(2048, 5, 1), branch);
        CloudEvent reminder = Reporting.request("EDUCATION_REMINDER", new Recipient("G202-M", "MEMBER", "钱五", null),
                "2048-H1-theory/G202-M", "G202", "县审计局", null,
                Map.of("examId", "2048-H1-theory", "examScore", 45, "examDate", "2048-03-20", "memberId", "G202-M", "memberName", "钱五"));
        return new CloudEvent[]{rectification, reminder};
    }

    @Test
    void aLaggingBranchSecretaryAndAFailedMemberAreNotifiedOnce() {
        CloudEvent[] first = requests();
        Reporting.publish(bootstrap, first);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/inbox/G201-B2-S").then().statusCode(200).body("$", hasSize(1));
            given().get("/inbox/G202-M").then().statusCode(200).body("$", hasSize(1));
        });
        JsonPath inbox = given().get("/inbox/G201-B2-S").then().extract().jsonPath();
        assertEquals("BRANCH_RECTIFICATION", inbox.getString("[0].noticeType"));
        assertEquals("关于对县司法局第二党支部进行整顿的通知", inbox.getString("[0].title"));
        String body = given().get("/notices/" + inbox.getString("[0].id")).then().statusCode(200).extract().jsonPath().getString("body");
        assertTrue(body.contains("在参评的5个党支部中排名第5位，得分44.54分，被确定为后进支部"), body);
        assertTrue(body.contains("务必于2048年5月1日前完成整顿"), body);
        assertEquals("关于对钱五同志进行教育提醒的通知", given().get("/inbox/G202-M").then().extract().jsonPath().getString("[0].title"));

        Reporting.publish(bootstrap, first);
        Reporting.publish(bootstrap, requests());
        Reporting.awaitConsumed(bootstrap);
        given().get("/inbox/G201-B2-S").then().body("$", hasSize(1));
        given().get("/inbox/G202-M").then().body("$", hasSize(1));
    }
}
