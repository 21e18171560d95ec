package cn.partybuilding.eventing.web;

/**
 * The one rule of every service for text it takes from a client: no control characters. A control character is what
 * {@link Character#isISOControl} says: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). None of them is
 * something a person types into a form; NUL is refused by PostgreSQL outright (a 500 if it got that far), escape
 * sequences rewrite a terminal reading the logs, and C1 characters are what broken encodings leave behind.
 * <p>
 * Two forms, because people write more than one line in a few places:
 * <ul>
 * <li>{@link #isText} — free text that may span lines (reasons, evidence, findings, minutes, names in JSON bodies):
 * tab, line feed and carriage return are text (a pasted paragraph, a Windows line break from a text area);</li>
 * <li>{@link #isLine} — ids, codes, periods, query values and path segments: a single line, no control character at
 * all (a line break in an id can only be a probe or a defect).</li>
 * </ul>
 * Plain Java, no framework types: the services call it from their field rules and Jackson deserializers.
 */
public final class PlainText {
    /** The reason a service gives for a refused field (its field name goes into the {@link Violation}). */
    public static final String REASON = "不能包含控制字符";

    private PlainText() {
    }

    /** Free text: no control character other than tab, line feed and carriage return. Null is not text's business. */
    public static boolean isText(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A single line (an id, a code, a query value): no control character at all. */
    public static boolean isLine(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} with every control character replaced by '?', for text that must be stored or shown anyway. */
    public static String sanitized(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            clean.append(Character.isISOControl(c) ? '?' : c);
        }
        return clean.toString();
    }
}
