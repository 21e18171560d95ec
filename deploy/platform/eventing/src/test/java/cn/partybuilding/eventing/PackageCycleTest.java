package cn.partybuilding.eventing;

import cn.partybuilding.local.PackageCycles;
import org.junit.jupiter.api.Test;

/** The platform's packages (the root: outbox and loops; consume, web, time) depend on each other one way only. */
class PackageCycleTest {
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        PackageCycles.of("cn.partybuilding.eventing").assertNoCycle("consume", "");
    }
}
