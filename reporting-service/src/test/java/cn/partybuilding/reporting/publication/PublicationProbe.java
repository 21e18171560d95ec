package cn.partybuilding.reporting.publication;

import cn.partybuilding.security.Roles;
import io.quarkus.test.security.TestSecurity;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ranking.RankingService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not part of the default run ({@code -Dprobe.publication=true}): 1,000 units, 40 indicators, 50,000 members seeded
 * straight into the fact tables of a year no other test uses, then the month computed and published; prints the times.
 */
@QuarkusTest
// the committee drives the county month in these tests; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
@EnabledIfSystemProperty(named = "probe.publication", matches = "true")
class PublicationProbe {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    MonthlyPublication publication;

    @Inject
    RankingService rankings;

    @Inject
    FactsVersion factsVersion;

    @Test
    void thousandUnitsFiftyThousandMembers() throws Exception {
        YearMonth month = ProbeFixture.MONTH;
        long seedStart = System.nanoTime();
        ProbeFixture.seed(dataSource);
        System.out.printf("PUBLICATION PROBE: seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            int units = rankings.compute(month, rankings.live(month).system()).entries().size();
            long t1 = System.nanoTime();
            System.out.printf("PUBLICATION PROBE: ranking of %d units computed in %d ms%n", units, (t1 - t0) / 1_000_000);
            assertEquals(1000, units);
        }
        // publication from cold: the cached live ranking is dropped first (as after an ingest), so the figure includes
        // loading the facts and scoring; later runs are republications (versions 2, 3, ...) of the same month
        for (int run = 0; run < 4; run++) {
            factsVersion.bump();
            long t2 = System.nanoTime();
            MonthlyPublication.MonthPublication p = publication.publish(month, "probe publication " + run);
            long t3 = System.nanoTime();
            System.out.printf("PUBLICATION PROBE: computed, frozen and published version %d (%d entries, %d notice requests) in %d ms%n",
                    p.version(), p.entries().size(), p.notices().size(), (t3 - t2) / 1_000_000);
            assertEquals(1000, p.entries().size());
        }
    }
}
