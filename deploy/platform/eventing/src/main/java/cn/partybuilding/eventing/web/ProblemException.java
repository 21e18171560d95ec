package cn.partybuilding.eventing.web;

import java.util.List;

/**
 * A refusal the REST layer answers as problem+json. Thrown before anything is written, or inside the transaction so
 * that everything written so far rolls back. Services may extend it for refusals of their own.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** 400: the request is invalid; the violations name the fields. */
    public static ProblemException invalid(String detail, List<Violation> violations) {
        return new ProblemException(400, "Invalid request", detail, violations);
    }

    public static ProblemException invalid(String field, String reason) {
        return invalid("请求数据不符合要求：" + field + " " + reason, List.of(new Violation(field, reason)));
    }

    public static ProblemException invalid(String detail, String field, String reason) {
        return invalid(detail, List.of(new Violation(field, reason)));
    }

    /** 404: the resource in the path does not exist. */
    public static ProblemException notFound(String field, String reason) {
        return notFound(reason, field, reason);
    }

    public static ProblemException notFound(String detail, String field, String reason) {
        return new ProblemException(404, "Not found", detail, List.of(new Violation(field, reason)));
    }

    /** 409: the request conflicts with the state (locked period, duplicate, a replay running). */
    public static ProblemException conflict(String field, String reason) {
        return conflict(reason, field, reason);
    }

    public static ProblemException conflict(String detail, String field, String reason) {
        return new ProblemException(409, "Conflict", detail, List.of(new Violation(field, reason)));
    }

    /** Throws {@link #invalid(String, List)} when there is anything to complain about. */
    public static void throwIfAny(String detail, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(detail, violations);
        }
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

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), violations);
    }
}
