package cn.partybuilding.reporting.ranking;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.reporting.ranking.EventFixtures.map;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 责任清单 through the broker (issue 16 item 3), in a year of its own (2050): the RESPONSIBILITY_LIST indicator scores
 * max × done ÷ due over the unit's items due by the month's end, done by then; items not yet due do not count; a month
 * with none due makes the indicator not applicable (its points go to the dimension's other indicators).
 * <p>
 * System 2050: one dimension (weight 100), P1 MANUAL 60, R1 RESPONSIBILITY_LIST 40. Unit RL48, items: A due 31 March done
 * 20 March; B due 15 April open; C due 30 April done 2 May; D due 30 June open. April: A, B, C due, A done by 30 April:
 * R1 = 40 × 1/3 = 13.3333; with P1 = 60 the composite is 73.33. B checked off on 10 April: 40 × 2/3 = 26.6667, 86.67.
 */
@QuarkusTest
// the committee reads the scorecards here; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ResponsibilityListScoringTest extends WithEventFixtures {
    private static final String UNIT = "RL48";
    private static final String DLT = Topics.deadLetter(Topics.ASSESSMENT, "reporting-service");

    private CloudEvent duty(String type, String id, String dueDate, String status, String doneOn, int revision) {
        return events.send(Topics.ASSESSMENT, "/assessment-service", type, UNIT, map("itemId", UNIT + "-" + id, "unitCode", UNIT, "year", 2050,
                "level", "UNIT", "organizationId", null, "dutyKind", "ASSIGNED", "responsibleMemberId", UNIT + "-S", "content", "事项" + id,
                "dueDate", dueDate, "status", status, "doneOn", doneOn, "evidence", doneOn == null ? null : "会议纪要" + id,
                "checkedBy", doneOn == null ? null : "书记", "revision", revision));
    }

    @Test
    void checkedOffItemsDueByTheMonthsEndMakeTheIndicatorsShare() {
        events.unitWithSecretaryAndLeader(UNIT, "县档案馆");
        events.system(map("year", 2050, "version", 1, "bonusCap", 5, "examPassScore", 60,
                "dimensions", List.of(map("code", "POLITICAL", "name", "政治建设", "weight", 100, "indicators", List.of(
                        map("code", "P1", "name", "政治理论学习", "maxPoints", 60, "kind", "MANUAL"),
                        map("code", "R1", "name", "责任清单落实", "maxPoints", 40, "kind", "RESPONSIBILITY_LIST")))),
                "studyPlan", List.of()));
        events.score(UNIT, "P1", "2050-01", 30, 1);
        events.score(UNIT, "P1", "2050-04", 60, 1);
        CloudEvent addedA = duty(EventTypes.RESPONSIBILITY_ITEM_ADDED, "A", "2050-03-31", "OPEN", null, 1);
        CloudEvent doneA = duty(EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF, "A", "2050-03-31", "DONE", "2050-03-20", 2);
        CloudEvent openB = duty(EventTypes.RESPONSIBILITY_ITEM_ADDED, "B", "2050-04-15", "OPEN", null, 1);
        duty(EventTypes.RESPONSIBILITY_ITEM_ADDED, "C", "2050-04-30", "OPEN", null, 1);
        CloudEvent doneC = duty(EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF, "C", "2050-04-30", "DONE", "2050-05-02", 2);
        duty(EventTypes.RESPONSIBILITY_ITEM_ADDED, "D", "2050-06-30", "OPEN", null, 1);
        // a redelivered older revision of A (same content, another id) must not undo its check-off
        events.send(Topics.ASSESSMENT, CloudEvent.of(addedA.source(), addedA.type(), addedA.subject(), addedA.data()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath card = given().get("/units/" + UNIT + "/scorecard/2050-04").then().statusCode(200).extract().jsonPath();
            assertEquals("到期事项完成 1/3", card.getString("dimensions[0].indicators[1].basis"));
            assertEquals(13.3333f, card.getFloat("dimensions[0].indicators[1].score"));
            assertEquals(73.33f, card.getFloat("composite"));
        });
        JsonPath april = given().get("/units/" + UNIT + "/scorecard/2050-04").then().extract().jsonPath();
        assertEquals(List.of(doneA.id(), openB.id(), doneC.id()).stream().sorted().toList(),
                april.<String>getList("dimensions[0].indicators[1].eventIds").stream().sorted().toList(), "the three items due by 30 April");
        List<String> whats = april.getList("dimensions[0].indicators[1].evidence.what");
        assertTrue(whats.stream().anyMatch(w -> w.contains("事项A") && w.contains("已完成 2050-03-20") && w.contains("会议纪要A")), whats.toString());
        assertTrue(whats.stream().anyMatch(w -> w.contains("事项C") && w.contains("未完成")), "done on 2 May: not by April's end " + whats);

        // March: only A is due, and it is done
        JsonPath march = given().get("/units/" + UNIT + "/scorecard/2050-03").then().statusCode(200).extract().jsonPath();
        assertEquals("到期事项完成 1/1", march.getString("dimensions[0].indicators[1].basis"));
        assertEquals(40.0f, march.getFloat("dimensions[0].indicators[1].score"));
        // January: nothing due, the indicator is not applicable and P1's 30 of 60 becomes 50 of 100
        JsonPath january = given().get("/units/" + UNIT + "/scorecard/2050-01").then().statusCode(200).extract().jsonPath();
        assertTrue(january.getString("dimensions[0].indicators[1].basis").startsWith("不适用（本月前无到期的责任清单事项）"));
        assertEquals(50.0f, january.getFloat("composite"));

        // the secretary checks B off on 10 April: two of three
        duty(EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF, "B", "2050-04-15", "DONE", "2050-04-10", 2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath card = given().get("/units/" + UNIT + "/scorecard/2050-04").then().statusCode(200).extract().jsonPath();
            assertEquals("到期事项完成 2/3", card.getString("dimensions[0].indicators[1].basis"));
            assertEquals(86.67f, card.getFloat("composite"));
        });
        // May: C was done on 2 May, so A, B, C are done by 31 May (D is not due): 3/3
        JsonPath may = given().get("/units/" + UNIT + "/scorecard/2050-05").then().statusCode(200).extract().jsonPath();
        assertEquals("到期事项完成 3/3", may.getString("dimensions[0].indicators[1].basis"));
    }

    @Test
    void anItemWithoutItsDueDateIsDeadLetteredAndCountsNowhere() {
        events.send(Topics.ASSESSMENT, "/assessment-service", EventTypes.RESPONSIBILITY_ITEM_ADDED, "RL48X", map("itemId", "RL48X-1",
                "unitCode", "RL48X", "year", 2050, "level", "UNIT", "dutyKind", "OVERALL", "responsibleMemberId", "RL48X-S",
                "content", "事项", "status", "OPEN", "revision", 1));
        var dead = cn.partybuilding.local.TopicProbe.readUntil(bootstrap, DLT, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(r -> "RL48X".equals(r.key())));
        var mine = dead.stream().filter(r -> "RL48X".equals(r.key())).toList();
        assertEquals(1, mine.size());
        assertEquals("missing required field 'dueDate'", cn.partybuilding.local.TopicProbe.header(mine.get(0), Topics.DLT_REASON_HEADER));
    }
}
