package cn.partybuilding.assessment.bonus;

import java.math.BigDecimal;

/**
 * Payload of {@code bonus.granted} (AsyncAPI schema Bonus): points are what was granted after the yearly cap. Built
 * from the stored {@link Bonus}; never a REST body ({@link BonusService.BonusView} is).
 */
public record BonusGranted(String bonusId, String unitCode, String period, BigDecimal points, String reason) {
    public static BonusGranted of(Bonus b) {
        return new BonusGranted(b.bonusId, b.unitCode, b.period, b.points, b.reason);
    }
}
