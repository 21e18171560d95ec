package cn.partybuilding.assessment.period;

/** Payload of {@code period.locked} and {@code period.reopened} (AsyncAPI schema PeriodChange, shared by both types). */
public record PeriodChange(String period, String reason, String by) {
}
