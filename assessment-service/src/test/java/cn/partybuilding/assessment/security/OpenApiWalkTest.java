package cn.partybuilding.assessment.security;

import cn.partybuilding.assessment.support.Db;
import cn.partybuilding.local.OpenApiWalk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every operation the OpenAPI document lists answers 401 problem+json without a token, and writes nothing. */
@QuarkusTest
class OpenApiWalkTest {
    /** The operations the service has today (RoleMatrixTest's table); a walk that finds fewer walked the wrong document. */
    static final int KNOWN_OPERATIONS = 55;

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationRefusesACallerWithoutAToken() {
        String before = Db.snapshot();
        List<OpenApiWalk.Answer> answers = OpenApiWalk.withoutToken(base.toString());
        List<OpenApiWalk.Answer> open = answers.stream().filter(a -> !a.refusedAsUnauthenticated()).toList();
        assertTrue(open.isEmpty(), "operations answering without a token: " + open);
        assertTrue(answers.size() >= KNOWN_OPERATIONS, "the walk found only " + answers.size() + " operations: " + answers);
        assertEquals(before, Db.snapshot());
    }
}
