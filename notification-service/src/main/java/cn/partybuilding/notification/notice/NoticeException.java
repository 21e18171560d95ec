package cn.partybuilding.notification.notice;

import java.util.List;

/** A request the notice rules refuse; mapped to application/problem+json. */
public class NoticeException extends RuntimeException {
    public record Violation(String field, String reason) {
    }

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public NoticeException(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations;
    }

    public static NoticeException notFound(String id) {
        return new NoticeException(404, "Notice not found", "通知 " + id + " 不存在",
                List.of(new Violation("id", "no notice with this id")));
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
