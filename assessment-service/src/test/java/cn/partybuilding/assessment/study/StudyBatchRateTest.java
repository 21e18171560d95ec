package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static cn.partybuilding.assessment.support.Fixtures.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Measures the batch endpoint (printed, not asserted) and checks that every row and event was written. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class StudyBatchRateTest {
    @Test
    void batchesOf1000And10000CompletionsAreStoredWithTheirEvents() {
        Fixtures.defineSystem(2016);
        Fixtures.Unit unit = Fixtures.unitWithMembers("县生态环境分局", 60);
        // warm-up so the first measured request does not pay for class loading
        post("/study/completions/batch", Map.of("period", "2016-01", "completions", StudyRecordsTest.completions(unit.memberIds(), YearMonth.of(2016, 1), 500)))
                .statusCode(200);
        for (int[] run : new int[][]{{1000, 2}, {10000, 3}}) {
            List<Map<String, Object>> rows = StudyRecordsTest.completions(unit.memberIds(), YearMonth.of(2016, run[1]), run[0]);
            long outbox = Db.outbox();
            long start = System.nanoTime();
            post("/study/completions/batch", Map.of("period", "2016-0" + run[1], "completions", rows)).statusCode(200)
                    .body("created", equalTo(run[0]));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[study batch] %,d completions in %.2f s = %,.0f completions/s (REST + validation + JDBC batch + outbox, one transaction)%n",
                    run[0], seconds, run[0] / seconds);
            assertEquals(outbox + run[0], Db.outbox());
        }
    }
}
