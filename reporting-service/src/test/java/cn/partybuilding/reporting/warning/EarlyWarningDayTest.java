package cn.partybuilding.reporting.warning;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.reporting.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The early warning acts on the configured day of the month (20, see application.properties) of the county's calendar
 * (Asia/Shanghai), not of UTC or the server's zone. Only asks whether it is due; nothing is run or published.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class EarlyWarningDayTest {
    @Inject
    EarlyWarningService warnings;

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theWarningDayIsTheCountysDay() {
        clock.set(Instant.parse("2026-10-19T16:30:00Z")); // 00:30 on 20 October in Beijing, 19 October in UTC
        assertEquals(Optional.of(YearMonth.of(2026, 10)), warnings.due());

        clock.set(Instant.parse("2026-10-20T16:30:00Z")); // 00:30 on 21 October in Beijing, still 20 October in UTC
        assertEquals(Optional.empty(), warnings.due());
    }
}
