package cn.partybuilding.assessment.period;

/**
 * Payload of {@code period.locked} and {@code period.reopened} (AsyncAPI schema PeriodChange, shared by both types),
 * built from the stored history row. Never a REST body ({@link PeriodService.PeriodStatus} is).
 */
public record PeriodChange(String period, String reason, String by) {
    public static PeriodChange of(PeriodChangeRow row) {
        return new PeriodChange(row.period, row.reason, row.changedBy);
    }
}
