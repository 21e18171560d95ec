package cn.partybuilding.assessment.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason a request was refused: the field (a JSON path like {@code dimensions[1].weight}, or a CSV column)
 * and why; {@code row} is the CSV line number (header = line 1) for bulk imports, absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(Integer row, String field, String reason) {
    public Violation(String field, String reason) {
        this(null, field, reason);
    }
}
