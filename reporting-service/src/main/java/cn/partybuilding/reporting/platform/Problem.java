package cn.partybuilding.reporting.platform;

import java.util.List;

/** An error reported as application/problem+json: title, status, detail and the offending fields. */
public class Problem extends RuntimeException {
    public record Violation(String field, String reason) {
    }

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public Problem(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static Problem badRequest(String detail, String field, String reason) {
        return new Problem(400, "Bad Request", detail, List.of(new Violation(field, reason)));
    }

    public static Problem notFound(String detail, String field, String reason) {
        return new Problem(404, "Not Found", detail, List.of(new Violation(field, reason)));
    }

    public static Problem conflict(String detail, String field, String reason) {
        return new Problem(409, "Conflict", detail, List.of(new Violation(field, reason)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
