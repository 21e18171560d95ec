package cn.partybuilding.reporting.ranking;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.reporting.publication.ProbeFixture;
import cn.partybuilding.reporting.publication.MonthlyPublication;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not part of the default run ({@code -Dprobe.rest=true}): the probes' county (1,000 units, 50,000 members, the month
 * published), then {@link LoadGenerator} in a SECOND JVM sends open-loop HTTP/1.1 requests at {@code probe.rate}
 * (1000/s) for {@code probe.seconds} (15) after a 5 s warm-up, per scenario; prints p50/p99 (no timed assertions).
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
@EnabledIfSystemProperty(named = "probe.rest", matches = "true")
class RestLoadProbe {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    PublishedRankings published;

    @Inject
    MonthlyPublication publication;

    @TestHTTPResource("/")
    URL base;

    @Test
    void rankingAndScorecardQueriesAtAThousandPerSecond() throws Exception {
        ProbeFixture.seed(dataSource);
        if (published.latestVersion(ProbeFixture.MONTH).isEmpty()) {
            publication.publish(ProbeFixture.MONTH, "rest load probe");
        }
        String month = ProbeFixture.MONTH.toString();
        assertEquals(1000, given().get("/rankings/" + month + "/published").then().statusCode(200).extract().jsonPath().getList("entries").size());
        String rate = System.getProperty("probe.rate", "1000");
        String seconds = System.getProperty("probe.seconds", "15");
        String ranking = "/rankings/" + month + "/published";
        String scorecard = "/units/PU{n:1000}/scorecard/" + month;
        // cold start: JIT and the first computation of 1,000 scorecards (printed too, reported as the cold figure)
        System.out.println("REST PROBE: cold start (warm-up run, 10 s at 500/s, mixed)");
        run("500", "10", "gzip", ranking, scorecard);
        run(rate, seconds, "gzip", ranking);
        run(rate, seconds, "identity", ranking);
        run(rate, seconds, "gzip", scorecard);
        run(rate, seconds, "gzip", ranking, scorecard);
    }

    private void run(String rate, String seconds, String encoding, String... paths) throws Exception {
        String url = base.toString().replaceAll("/$", "");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                Path.of("src/test/java/cn/partybuilding/reporting/ranking/LoadGenerator.java").toString(), url, rate, seconds, "5", encoding));
        command.addAll(List.of(paths));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, process.waitFor());
    }
}
