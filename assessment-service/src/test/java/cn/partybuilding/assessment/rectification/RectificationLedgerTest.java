package cn.partybuilding.assessment.rectification;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.eventing.time.ClockProducer;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class RectificationLedgerTest {
    private static final int YEAR = 2024;
    private static boolean defined;

    @Inject
    RectificationStatusJob job;

    @Inject
    RectificationService service;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void system() {
        if (!defined) {
            Fixtures.defineSystem(YEAR);
            defined = true;
        }
    }

    private static Map<String, Object> finding(String unit, LocalDate deadline) {
        return Map.of("unitCode", unit, "period", YEAR + "-06", "deductionPoints", 2, "source", "巡察",
                "description", "三会一课记录不全", "deadline", deadline.toString());
    }

    @Test
    void aFindingOpensAnItemThatIsClosedOutWithEvidence() {
        String unit = Fixtures.unit("县发展和改革局");
        String itemId = post("/findings", finding(unit, LocalDate.now().plusDays(20))).statusCode(201)
                .body("rectificationItemId", notNullValue()).body("deductionPoints", equalTo(2.0f))
                .extract().path("rectificationItemId");
        given().get("/rectification-items/" + itemId).then().body("status", equalTo("OPEN"));
        // the unit submits its evidence (security/RectificationCloseOutTest, with the secretary's token); the committee confirms
        service.submit(itemId, new RectificationService.SubmitRequest("补齐2024年6月支部会议记录", null), u -> true, "secretary");
        post("/rectification-items/" + itemId + "/confirm", Map.of()).statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedOn", equalTo(LocalDate.now(cn.partybuilding.eventing.time.ClockProducer.ZONE).toString()));
        post("/rectification-items/" + itemId + "/confirm", Map.of()).statusCode(409);
        given().queryParam("unitCode", unit).get("/findings").then().body("", hasSize(1));
    }

    @Test
    void theScheduledJobTurnsItemsPastTheirDeadlineOverdueOnce() {
        String unit = Fixtures.unit("县自然资源局");
        LocalDate deadline = LocalDate.now().plusDays(3);
        String late = post("/findings", finding(unit, deadline)).statusCode(201).extract().path("rectificationItemId");
        String onTime = post("/findings", finding(unit, deadline.plusDays(10))).statusCode(201).extract().path("rectificationItemId");

        job.run(deadline);   // the deadline day itself is still on time
        given().get("/rectification-items/" + late).then().body("status", equalTo("OPEN"));

        assertTrue(job.run(deadline.plusDays(1)) >= 1);
        given().get("/rectification-items/" + late).then().body("status", equalTo("OVERDUE"));
        given().get("/rectification-items/" + onTime).then().body("status", equalTo("OPEN"));
        long outbox = Db.outbox();
        job.run(deadline.plusDays(2));
        given().queryParam("unitCode", unit).queryParam("status", "OVERDUE").get("/rectification-items").then().body("", hasSize(1));
        assertEquals(outbox, Db.outbox(), "an item already OVERDUE is not announced again");

        // an overdue item can still be closed out
        service.submit(late, new RectificationService.SubmitRequest("已整改", null), u -> true, "secretary");
        post("/rectification-items/" + late + "/confirm", Map.of()).statusCode(200).body("status", equalTo("CLOSED"));
    }

    /**
     * Issue 17.4: the job announces an item's 整改提醒 and 逾期通报 days after the finding was raised; both events carry
     * the trace id of the request that raised it (its {@code traceparent} header), not the job's, through the broker.
     */
    @Test
    void theJobsAnnouncementsCarryTheTraceOfTheRequestThatRaisedTheFinding() {
        String raisedIn = "00-5e1b9a3c7d2f4e6a8b0c1d2e3f405162-a1b2c3d4e5f60718-01";
        String jobTrace = "00-77777777777777777777777777777777-1111111111111111-01";
        String unit = Fixtures.unit("县审计局");
        LocalDate today = LocalDate.now(ClockProducer.ZONE);
        LocalDate deadline = today.plusDays(2);
        String itemId = raise(raisedIn, unit, deadline);

        // as if the scheduler ran the job under a trace of its own
        try (Scope ignored = TraceContext.resume(jobTrace)) {
            job.run(today);                 // due in two days: the 整改提醒
            job.run(deadline.plusDays(1));  // past its deadline: the 逾期通报
        }

        List<CloudEvent> announced = announced(itemId, 2, e -> true);
        assertEquals(List.of(EventTypes.RECTIFICATION_DUE_SOON, EventTypes.RECTIFICATION_OVERDUE), announced.stream().map(CloudEvent::type).toList());
        for (CloudEvent e : announced) {
            assertEquals(raisedIn.substring(3, 35), e.traceId(), () -> e.type() + " carries the trace of the request that raised the finding");
        }
    }

    /**
     * Issue 17.4: evidence submitted in time and returned by the committee after the deadline makes the item overdue in the
     * return request; its 逾期通报 still carries the trace of the request that raised the finding (the notice is the
     * finding's), while rectification.returned carries the return request's.
     */
    @Test
    void anOverdueAnnouncedByALateReturnCarriesTheTraceOfTheRequestThatRaisedTheFinding() {
        String raisedIn = "00-2041a0b1c2d3e4f5a6b7c8d9e0f10417-b1b2c3d4e5f60718-01";
        String returnedIn = "00-20410000000000000000000000000999-2222222222222222-01";
        String unit = Fixtures.unit("县统计局");
        LocalDate today = LocalDate.now(ClockProducer.ZONE);
        String itemId = raise(raisedIn, unit, today.plusDays(5));
        service.submit(itemId, new RectificationService.SubmitRequest("已整改", null), u -> true, "secretary");
        // the evidence was under review past the deadline (as if the deadline had been yesterday)
        QuarkusTransaction.requiringNew().run(() ->
                RectificationItem.update("deadline = ?1 where itemId = ?2", today.minusDays(1), itemId));

        given().header(TraceContext.TRACEPARENT, returnedIn).contentType(ContentType.JSON).body(Map.of("reason", "佐证材料不全"))
                .post("/rectification-items/" + itemId + "/return").then().statusCode(200).body("status", equalTo("OVERDUE"));

        Map<String, String> traceByType = announced(itemId, 2, e -> e.type().equals(EventTypes.RECTIFICATION_RETURNED)
                || e.type().equals(EventTypes.RECTIFICATION_OVERDUE)).stream().collect(Collectors.toMap(CloudEvent::type, CloudEvent::traceId));
        assertEquals(Map.of(EventTypes.RECTIFICATION_RETURNED, returnedIn.substring(3, 35),
                EventTypes.RECTIFICATION_OVERDUE, raisedIn.substring(3, 35)), traceByType);
    }

    /** Raises a finding in a request with the {@code traceparent} header; returns its rectification item. */
    private static String raise(String traceparent, String unit, LocalDate deadline) {
        return given().header(TraceContext.TRACEPARENT, traceparent).contentType(ContentType.JSON).body(finding(unit, deadline))
                .post("/findings").then().statusCode(201).extract().path("rectificationItemId");
    }

    /** The events about item {@code itemId} that {@code which} selects, read from the broker once there are {@code count}. */
    private List<CloudEvent> announced(String itemId, int count, Predicate<CloudEvent> which) {
        Predicate<CloudEvent> ours = e -> e != null && e.data() != null && itemId.equals(e.data().path("itemId").asText()) && which.test(e);
        return TopicProbe.readUntil(bootstrap, Topics.ASSESSMENT, Duration.ofSeconds(60),
                        seen -> seen.stream().map(TopicProbe::parseOrNull).filter(ours).count() >= count)
                .stream().map(TopicProbe::parseOrNull).filter(ours).toList();
    }

    @Test
    void aFindingForALockedMonthOrUnknownUnitIsRefused() {
        String unit = Fixtures.unit("县退役军人事务局");
        post("/periods/" + YEAR + "-01/lock", Map.of()).statusCode(200);
        String before = Db.snapshot();
        post("/findings", Map.of("unitCode", unit, "period", YEAR + "-01", "deductionPoints", 1, "source", "督查", "description", "x"))
                .statusCode(409).body("violations[0].field", equalTo("period"));
        post("/findings", Map.of("unitCode", "NO-SUCH", "period", YEAR + "-02", "deductionPoints", 1, "source", "督查", "description", "x"))
                .statusCode(400).body("violations[0].field", equalTo("unitCode"));
        post("/findings", Map.of("unitCode", unit, "period", YEAR + "-02", "deductionPoints", 0, "source", "督查", "description", "x"))
                .statusCode(400).body("violations[0].field", equalTo("deductionPoints"));
        assertEquals(before, Db.snapshot());
    }
}
