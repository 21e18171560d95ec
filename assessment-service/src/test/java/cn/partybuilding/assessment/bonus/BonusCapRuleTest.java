package cn.partybuilding.assessment.bonus;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BonusCapRuleTest {
    private static final BigDecimal CAP = new BigDecimal("5");

    @Test
    void aBonusThatFitsIsGrantedInFull() {
        assertEquals(Optional.of(new BonusCap.Grant(new BigDecimal("3"), false)), BonusCap.grant(new BigDecimal("3"), new BigDecimal("2"), CAP));
    }

    @Test
    void overTheCapOnlyTheRemainderIsGranted() {
        assertEquals(Optional.of(new BonusCap.Grant(new BigDecimal("1.5"), true)), BonusCap.grant(new BigDecimal("3"), new BigDecimal("3.5"), CAP));
    }

    @Test
    void anExhaustedCapRefuses() {
        assertEquals(Optional.empty(), BonusCap.grant(new BigDecimal("0.5"), new BigDecimal("5"), CAP));
    }
}
