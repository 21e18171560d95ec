package cn.partybuilding.security;

import cn.partybuilding.eventing.web.Violation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain rules of the audit trail: how an operation and its target are named, outcomes, hostile text, date filters. */
class AuditRulesTest {
    @Path("/periods")
    static class Periods {
        @POST
        @Path("{period}/lock")
        public void lock() {
        }

        @GET
        public void list() {
        }
    }

    @Test
    void anOperationIsNamedByItsTemplateNotItsValues() throws NoSuchMethodException {
        assertEquals("POST /periods/{period}/lock", AuditFilters.action("POST", resource(Periods.class.getMethod("lock")), "/periods/2026-10/lock"));
        assertEquals("GET /periods", AuditFilters.action("GET", resource(Periods.class.getMethod("list")), "/periods"));
        // no resource matched (an unknown path): the path itself
        assertEquals("POST /nowhere/1", AuditFilters.action("POST", null, "/nowhere/1"));
    }

    @Test
    void aResourceMethodsTemplateIsResolvedOnceAndThenCached() throws NoSuchMethodException {
        Method lock = Periods.class.getMethod("lock");
        String first = AuditFilters.template(Periods.class, lock);
        assertEquals("/periods/{period}/lock", first);
        // the same instance, not an equal one resolved again by reflection
        assertSame(first, AuditFilters.template(Periods.class, lock));
    }

    @Test
    void theTargetTypeIsThePathsFirstSegment() {
        assertEquals("periods", AuditFilters.targetType("/periods/2026-10/lock"));
        assertEquals("notices", AuditFilters.targetType("notices/N1/acknowledge"));
        assertEquals("/", AuditFilters.targetType("/"));
    }

    @Test
    void refusalsAreDeniedRefusedOrFailedByStatus() {
        assertEquals(AuditTrail.Outcome.DENIED, AuditTrail.outcomeOf(401));
        assertEquals(AuditTrail.Outcome.DENIED, AuditTrail.outcomeOf(403));
        assertEquals(AuditTrail.Outcome.REFUSED, AuditTrail.outcomeOf(400));
        assertEquals(AuditTrail.Outcome.REFUSED, AuditTrail.outcomeOf(413));
        assertEquals(AuditTrail.Outcome.FAILED, AuditTrail.outcomeOf(503));
    }

    @Test
    void hostileTextIsBoundedAndLosesItsNul() {
        String clipped = AuditTrail.clip("a\u0000b" + "x".repeat(10_000));
        assertTrue(clipped.startsWith("a\uFFFDb"));
        assertEquals(501, clipped.length());
    }

    @Test
    void aDayFilterCoversTheWholeCountyDay() {
        List<Violation> violations = new ArrayList<>();
        assertEquals(Instant.parse("2026-09-30T16:00:00Z"), AuditResource.instant("from", "2026-10-01", false, violations));
        assertEquals(Instant.parse("2026-10-01T16:00:00Z"), AuditResource.instant("to", "2026-10-01", true, violations));
        assertEquals(Instant.parse("2026-10-01T08:00:00Z"), AuditResource.instant("from", "2026-10-01T08:00:00Z", false, violations));
        assertTrue(violations.isEmpty());
        assertNull(AuditResource.instant("to", "yesterday", true, violations));
        assertEquals("to", violations.get(0).field());
    }

    @Test
    void pageAndSizeAreWholeNumbersInRangeOrAViolationNamingThem() {
        List<Violation> violations = new ArrayList<>();
        assertEquals(3, AuditResource.bounded("page", "3", 0, 100_000, violations));
        assertEquals(500, AuditResource.bounded("size", "500", 1, 500, violations));
        assertTrue(violations.isEmpty());
        for (String bad : List.of("1e400", "-1", "1.5", "x", "", "99999999999999999999", "100001")) {
            List<Violation> refused = new ArrayList<>();
            AuditResource.bounded("page", bad, 0, 100_000, refused);
            assertEquals(List.of("page"), refused.stream().map(Violation::field).toList(), bad);
        }
        for (String bad : List.of("0", "100000", "-0")) {
            List<Violation> refused = new ArrayList<>();
            AuditResource.bounded("size", bad, 1, 500, refused);
            assertEquals(List.of("size"), refused.stream().map(Violation::field).toList(), bad);
        }
    }

    private static ResourceInfo resource(Method method) {
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return method.getDeclaringClass();
            }
        };
    }
}
