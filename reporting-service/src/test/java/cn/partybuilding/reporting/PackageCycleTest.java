package cn.partybuilding.reporting;

import cn.partybuilding.local.PackageCycles;
import org.junit.jupiter.api.Test;

/** The feature packages under {@code cn.partybuilding.reporting} depend on each other one way only. */
class PackageCycleTest {
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        PackageCycles.of("cn.partybuilding.reporting").assertNoCycle("ingest", "facts");
    }
}
