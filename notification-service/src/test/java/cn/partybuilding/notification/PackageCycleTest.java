package cn.partybuilding.notification;

import cn.partybuilding.local.PackageCycles;
import org.junit.jupiter.api.Test;

/** The feature packages under {@code cn.partybuilding.notification} depend on each other one way only. */
class PackageCycleTest {
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        PackageCycles.of("cn.partybuilding.notification").assertNoCycle("delivery", "notice");
    }
}
