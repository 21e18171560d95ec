package cn.partybuilding.notification.platform;

/** One offending input of a refused request: the field (JSON path, parameter) and why. */
public record Violation(String field, String reason) {
}
