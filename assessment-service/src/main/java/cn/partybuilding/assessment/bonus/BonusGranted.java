package cn.partybuilding.assessment.bonus;

import java.math.BigDecimal;

/** Payload of {@code bonus.granted} (AsyncAPI schema Bonus): points are what was granted after the yearly cap. */
public record BonusGranted(String bonusId, String unitCode, String period, BigDecimal points, String reason) {
}
