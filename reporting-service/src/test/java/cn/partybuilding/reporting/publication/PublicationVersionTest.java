package cn.partybuilding.reporting.publication;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Publication versions are allocated in the database: two publications of one period at the same time (two instances)
 * get distinct versions or a clear 409, never the same version twice. Uses the months of 2029, which no other test
 * publishes (its indicator system is written straight into the table; units are whatever other tests registered).
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class PublicationVersionTest {
    static final String SYSTEM = "{\"year\":2029,\"version\":1,\"bonusCap\":5,\"dimensions\":[{\"code\":\"POLITICAL\",\"name\":\"政治建设\","
            + "\"weight\":100,\"indicators\":[{\"code\":\"P1\",\"name\":\"政治理论学习\",\"maxPoints\":100,\"kind\":\"MANUAL\"}]}],\"studyPlan\":[]}";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @BeforeEach
    void indicatorSystemOf2029() throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "insert into indicator_system (for_year, version, body, event_id) values (2029, 1, ?, 'version-test') on conflict do nothing")) {
            s.setString(1, SYSTEM);
            s.executeUpdate();
        }
        // frozen months: a month is published only while locked in assessment-service (its period.locked, as the ingest stores it)
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into period_state (period, locked, event_id, locked_at) select to_char(make_date(2029, m, 1), 'YYYY-MM'), "
                    + "true, 'version-test-lock-' || m, now() from generate_series(1, 12) m on conflict do nothing");
        }
    }

    /** The committee reopened the month with a reason and locked it again (what a republication needs), as the ingest stores it. */
    private void reopenedAndLockedAgain(String period, String reason) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("insert into period_change (period, locked, reason, changed_by, "
                + "changed_at, event_id) values (?, false, ?, '工委办公室', now(), ?)");
             PreparedStatement lock = c.prepareStatement("update period_state set event_id = ?, locked_at = now() where period = ?")) {
            s.setString(1, period);
            s.setString(2, reason);
            s.setString(3, "version-test-reopen-" + java.util.UUID.randomUUID());
            s.executeUpdate();
            lock.setString(1, "version-test-relock-" + java.util.UUID.randomUUID());
            lock.setString(2, period);
            lock.executeUpdate();
        }
    }

    @Test
    void theDatabaseRefusesASecondPublicationUnderTheSameVersion() throws SQLException {
        assertDuplicateRefused("insert into published_ranking (period, version, published_at, event_id) values ('2029-12', 1, now(), ?)");
        assertDuplicateRefused("insert into quarterly_publication (quarter, version, published_at) values ('2029-Q4', 1, now())");
        assertDuplicateRefused("insert into annual_publication (for_year, version, published_at) values (2029, 1, now())");
    }

    @Test
    void twoFirstPublicationsOfAMonthAtOnceGiveVersionOneAndA409() throws Exception {
        List<Response> responses = atOnce(2, i -> given().post("/rankings/2029-01/publish"));
        List<Integer> statuses = responses.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 409), statuses);
        Response refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertEquals("application/problem+json", refused.contentType());
        // the second one finds version 1 published under the same lock (frozen months: no republication without a reopen)
        assertEquals(List.of("period"), refused.jsonPath().getList("violations.field"));
        given().get("/rankings/2029-01/history").then().statusCode(200).body("version", equalTo(List.of(1)));
    }

    /**
     * Frozen months: one reopen and new lock allow one republication. Four at once take turns under the period's lock;
     * the first is version 2 (with the reopen's reason), the others find version 2 published under the same lock: 409.
     * (Before issue 12.2 any number of republications with a reason were accepted, and this test expected versions 2–5.)
     */
    @Test
    void republicationsAtOnceAfterOneReopenGiveOneVersion() throws Exception {
        given().post("/rankings/2029-02/publish").then().statusCode(200).body("version", equalTo(1));
        reopenedAndLockedAgain("2029-02", "巡察反馈需更正");
        List<Response> responses = atOnce(4, i -> given().post("/rankings/2029-02/publish"));
        List<Integer> statuses = responses.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 409, 409, 409), statuses);
        given().get("/rankings/2029-02/history").then().body("version", equalTo(List.of(1, 2))).body("[1].reason", equalTo("巡察反馈需更正"));
    }

    @Test
    void quarterlyPublicationsAtOnceGetDistinctVersions() throws Exception {
        // a quarter is published once its three months are
        for (String month : List.of("2029-04", "2029-05", "2029-06")) {
            given().post("/rankings/" + month + "/publish").then().statusCode(200);
        }
        List<Integer> versions = atOnce(2, i -> given().post("/quarters/2029-Q2/publish")).stream().map(r -> {
            assertEquals(200, r.statusCode(), r.asString());
            return r.jsonPath().getInt("grades.version");
        }).sorted().toList();
        assertEquals(List.of(1, 2), versions);
    }

    /**
     * The primary key is the last line of defence: a version written behind the lock's back (held uncommitted while the
     * publication allocates the same number) makes the publication fail with a 409 problem+json and write nothing.
     */
    @Test
    void aVersionTakenMeanwhileIsRefusedWith409AndNothingIsWritten() throws Exception {
        given().post("/rankings/2029-03/publish").then().statusCode(200).body("version", equalTo(1));
        reopenedAndLockedAgain("2029-03", "更正");
        long outboxBefore = outboxRowsMentioning("2029-03");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = connect()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("insert into published_ranking (period, version, published_at, reason, event_id) "
                        + "values ('2029-03', 2, now(), 'another instance', 'version-test-2029-03-2')");
            }
            Future<Response> publication = executor.submit(() -> given().contentType(ContentType.JSON).body(Map.of("reason", "更正"))
                    .post("/rankings/2029-03/publish"));
            // the publication reads version 1 as the latest, allocates 2 and waits for the uncommitted row
            await().atMost(Duration.ofSeconds(30)).until(this::aSessionWaitsForALock);
            assertFalse(publication.isDone());
            other.commit();
            Response refused = publication.get(30, TimeUnit.SECONDS);
            assertEquals(409, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals(List.of("version"), refused.jsonPath().getList("violations.field"));
        } finally {
            executor.shutdownNow();
        }
        given().get("/rankings/2029-03/history").then().body("version", equalTo(List.of(1, 2)))
                .body("reason", hasItem("another instance"));
        assertEquals(outboxBefore, outboxRowsMentioning("2029-03"), "the refused publication appended no event");
    }

    private interface Request {
        Response send(int index);
    }

    /** Sends the requests from as many threads released together. */
    private static List<Response> atOnce(int n, Request request) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return request.send(index);
                }, executor));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            executor.shutdownNow();
        }
    }

    private void assertDuplicateRefused(String insert) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(insert)) {
                if (s.getParameterMetaData().getParameterCount() > 0) {
                    s.setString(1, "version-test-duplicate");
                }
                s.executeUpdate();
                SQLException duplicate = assertThrows(SQLException.class, s::executeUpdate, insert);
                assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
            } finally {
                c.rollback();
            }
        }
    }

    private boolean aSessionWaitsForALock() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private long outboxRowsMentioning(String period) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select count(*) from outbox_event where payload like ?")) {
            s.setString(1, "%" + period + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
