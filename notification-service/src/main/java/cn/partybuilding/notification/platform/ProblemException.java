package cn.partybuilding.notification.platform;

import java.util.List;

/**
 * A refusal the REST layer answers as problem+json with this status, title, detail and violations. Features throw it
 * (or a subtype of their own) so that this package maps refusals without knowing the features.
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
