package cn.partybuilding.eventing.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One offending input of a refused request: the field (JSON path, parameter or header) and why; for a refused file
 * (a roster CSV) also the line, so a clerk can go straight to the lines to fix.
 */
public record Violation(@JsonInclude(JsonInclude.Include.NON_NULL) Integer row, String field, String reason) {
    public Violation(String field, String reason) {
        this(null, field, reason);
    }
}
