package cn.partybuilding.notification.delivery;

import cn.partybuilding.eventing.web.PlainText;
import cn.partybuilding.eventing.web.Violation;

import java.util.List;

/**
 * Text the REST operations take from paths and queries. Ids and codes of this service are short printable text; a
 * value with NUL or other control characters, or longer than any id, can name nothing (and PostgreSQL refuses NUL in a
 * query parameter, which would otherwise surface as a 500). Control characters are the platform's rule
 * ({@link PlainText#isLine}: an id is a single line).
 */
final class RequestText {
    static final int MAX_LENGTH = 200;

    private RequestText() {
    }

    /** Whether {@code id} could be the id of something stored here. */
    static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && PlainText.isLine(id);
    }

    /** Adds a violation for a query value that cannot be an id, a code or a period; null (absent) is fine. */
    static void check(String field, String value, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_LENGTH) {
            violations.add(new Violation(field, "不得超过 " + MAX_LENGTH + " 个字符"));
        } else if (!PlainText.isLine(value)) {
            violations.add(new Violation(field, PlainText.REASON));
        }
    }

    /** Text from a token, storable: control characters replaced, at most {@code max} characters. */
    static String bounded(String value, int max) {
        String clean = PlainText.sanitized(value);
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /** A value as it may appear in an answer's text: without control characters, bounded. */
    static String shown(String value) {
        String clean = PlainText.sanitized(value);
        return clean.length() <= 50 ? clean : clean.substring(0, 50) + "…";
    }
}
