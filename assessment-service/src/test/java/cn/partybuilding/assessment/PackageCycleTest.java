package cn.partybuilding.assessment;

import cn.partybuilding.local.PackageCycles;
import org.junit.jupiter.api.Test;

/** The feature packages under {@code cn.partybuilding.assessment} depend on each other one way only. */
class PackageCycleTest {
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        PackageCycles.of("cn.partybuilding.assessment").assertNoCycle("scoring", "indicator");
    }
}
