package cn.partybuilding.assessment.rectification;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Payload of {@code finding.raised} (AsyncAPI schema Finding); also the REST view of a finding. */
public record FindingRaised(String findingId, String unitCode, String period, BigDecimal deductionPoints, String source,
                            String description, String rectificationItemId, LocalDate deadline) {
}
