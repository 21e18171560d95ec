package cn.partybuilding.assessment.common;

import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.PlainText;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects field violations while a plain rule class walks a request: the service's field rules (codes, e-mail, scores
 * with two decimals) in the platform's {@link Violation} terms. No framework types.
 */
public final class Checks {
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return violations;
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public Checks add(String field, String reason) {
        violations.add(new Violation(field, reason));
        return this;
    }

    public boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "必填");
            return false;
        }
        return !(value instanceof String s) || plain(field, s);
    }

    /**
     * Text without control characters, the platform's rule of free text ({@link PlainText#isText}: tab and line breaks
     * are text; NUL, escape sequences and C1 characters are not); a null value is fine here.
     */
    public boolean plain(String field, String value) {
        if (!PlainText.isText(value)) {
            add(field, PlainText.REASON);
            return false;
        }
        return true;
    }

    public void text(String field, String value, int maxLength) {
        if (required(field, value) && value.length() > maxLength) {
            add(field, "长度不能超过 " + maxLength);
        }
    }

    public void code(String field, String value) {
        if (required(field, value) && !CODE.matcher(value).matches()) {
            add(field, "编码只能包含字母、数字、'-'、'_'、'.'，最长 64 位");
        }
    }

    public void email(String field, String value) {
        if (value != null && !value.isBlank() && plain(field, value) && !EMAIL.matcher(value).matches()) {
            add(field, "邮箱格式无效");
        }
    }

    public void period(String field, String value) {
        if (required(field, value) && !Periods.valid(value)) {
            add(field, "格式应为 YYYY-MM，收到 " + value);
        }
    }

    /** value within [min, max]; null max means unbounded. */
    public void range(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (!required(field, value)) {
            return;
        }
        if (value.compareTo(min) < 0) {
            add(field, "不能小于 " + min.toPlainString());
        } else if (max != null && value.compareTo(max) > 0) {
            add(field, "不能大于 " + max.toPlainString());
        } else if (value.stripTrailingZeros().scale() > 2) {
            add(field, "最多两位小数");
        }
    }

    public void throwIfAny(String detail) {
        ProblemException.throwIfAny(detail, violations);
    }
}
