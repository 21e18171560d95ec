package cn.partybuilding.assessment.indicator;

import org.junit.jupiter.api.Test;

import static cn.partybuilding.assessment.indicator.VersioningPolicy.Action.CREATE_FIRST;
import static cn.partybuilding.assessment.indicator.VersioningPolicy.Action.CREATE_NEXT;
import static cn.partybuilding.assessment.indicator.VersioningPolicy.Action.REPLACE_CURRENT;
import static cn.partybuilding.assessment.indicator.VersioningPolicy.Action.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VersioningPolicyTest {
    @Test
    void firstDefinitionIsVersionOne() {
        assertEquals(new VersioningPolicy.Decision(CREATE_FIRST, 1), VersioningPolicy.decide(null, false, false));
    }

    @Test
    void anUnscoredVersionIsReplacedInPlace() {
        assertEquals(new VersioningPolicy.Decision(REPLACE_CURRENT, 2), VersioningPolicy.decide(2, false, false));
    }

    @Test
    void aScoredVersionIsFrozenAndTheChangeBecomesTheNext() {
        assertEquals(new VersioningPolicy.Decision(CREATE_NEXT, 3), VersioningPolicy.decide(2, true, false));
    }

    @Test
    void theSameDefinitionChangesNothing() {
        assertEquals(new VersioningPolicy.Decision(UNCHANGED, 2), VersioningPolicy.decide(2, true, true));
    }
}
