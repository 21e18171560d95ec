package cn.partybuilding.reporting.facts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of reporting-service against one database, each consuming its own partitions: a change committed by the
 * other instance (a second FactsVersion here, with a LISTEN connection of its own) makes this instance's generations move,
 * so its caches (RankingCache compares them) never serve what the other instance's commit made stale.
 */
@QuarkusTest
class FactsVersionAcrossInstancesTest {
    @Inject
    FactsVersion here;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aChangeCommittedByAnotherInstanceMovesThisInstancesGenerations() {
        FactsVersion other = new FactsVersion();
        other.dataSource = dataSource;
        other.onStart(null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> here.listening() && other.listening());
            FactsVersion.Stamp unitBefore = here.stamp("X2060");
            FactsVersion.Stamp otherUnitBefore = here.stamp("Y2060");
            long anyBefore = here.current();

            other.bump(List.of("X2060"));
            await().atMost(Duration.ofSeconds(5)).until(() -> here.stamp("X2060").unit() > unitBefore.unit());
            assertEquals(unitBefore.global(), here.stamp("X2060").global(), "a unit's change leaves the other units' cards alone");
            assertEquals(otherUnitBefore, here.stamp("Y2060"));
            assertEquals(anyBefore + 1, here.current(), "the live ranking's generation moves once");

            other.bump();
            await().atMost(Duration.ofSeconds(5)).until(() -> here.stamp("Y2060").global() > otherUnitBefore.global());

            // what this instance commits reaches the other one as well, and not itself twice
            long hereBefore = here.current();
            FactsVersion.Stamp otherBefore = other.stamp("Z2060");
            here.bump(List.of("Z2060"));
            await().atMost(Duration.ofSeconds(5)).until(() -> other.stamp("Z2060").unit() > otherBefore.unit());
            assertEquals(hereBefore + 1, here.current());
        } finally {
            other.onStop(null);
        }
    }
}
