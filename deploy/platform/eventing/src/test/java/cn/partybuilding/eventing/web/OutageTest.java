package cn.partybuilding.eventing.web;

import cn.partybuilding.eventing.sample.PlatformTestResources;
import cn.partybuilding.eventing.sample.ProxiedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * While the database is away a write is answered 503 problem+json with Retry-After (not Quarkus' text/plain 500), and
 * nothing of it is written; once the database is back the same write succeeds.
 */
@QuarkusTest
@PlatformTestResources
class OutageTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void writeDuringADatabaseOutageIsA503ProblemAndLeavesNothing() throws Exception {
        given().contentType(ContentType.JSON).body("{\"label\":\"before\"}").post("/samples").then().statusCode(201);
        long before = notes();

        ProxiedPostgresResource.proxy().cut();
        try {
            given().contentType(ContentType.JSON).body("{\"label\":\"during\"}").post("/samples").then()
                    .statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "7")
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", equalTo("数据库暂时不可用，请稍后重试"))
                    .body("violations[0].field", equalTo("database"));
        } finally {
            ProxiedPostgresResource.proxy().restore();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body("{\"label\":\"after\"}").post("/samples").then().statusCode(201));
        assertEquals(before + 2, notes(), "the two rows of 'after' only: nothing of 'during'");
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().get("/no-such-thing").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }

    private long notes() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from sample_note where label not like 'during%'")) {
            rs.next();
            long kept = rs.getLong(1);
            try (ResultSet during = s.executeQuery("select count(*) from sample_note where label like 'during%'")) {
                during.next();
                assertEquals(0, during.getLong(1), "a row of the refused write");
            }
            return kept;
        }
    }
}
