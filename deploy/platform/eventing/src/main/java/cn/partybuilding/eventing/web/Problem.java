package cn.partybuilding.eventing.web;

import java.util.List;

/** RFC 9457 problem details, the body of every REST error of every service ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, List<Violation> violations) {
        return new Problem("about:blank", title, status, detail, violations == null ? List.of() : List.copyOf(violations));
    }
}
