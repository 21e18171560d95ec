package cn.partybuilding.contracts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads a CloudEvent's {@code time}. {@link OffsetDateTime#parse} costs microseconds per call (a formatter, a map of
 * parsed fields, a resolver), a large share of reading an event when a consumer reads hundreds of thousands a second
 * (issue 18.5). The form every sender of this platform writes, {@code 2026-10-31T12:00:05.123+08:00} (seconds and
 * fraction optional, {@code Z} or {@code ±HH:MM}), is read here by hand; anything else, and any value out of range,
 * goes to {@code OffsetDateTime.parse}, so what is accepted, and how it is refused, does not change.
 */
public final class Rfc3339 {
    private Rfc3339() {
    }

    /** As {@link OffsetDateTime#parse(CharSequence)}, faster in the common form. */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text);
    }

    /** The common form read by hand, or null when the text is not in it (or its values are out of range). */
    static OffsetDateTime fast(String s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm is 16 characters, the shortest offset (Z) one more
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if ((year | month | day | hour | minute) < 0) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < n && s.charAt(i) == ':') {
            second = i + 3 <= n ? digits(s, i + 1, 2) : -1;
            if (second < 0) {
                return null;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int from = ++i;
                while (i < n && i - from < 9 && isDigit(s.charAt(i))) {
                    nano = nano * 10 + (s.charAt(i) - '0');
                    i++;
                }
                int count = i - from;
                if (count == 0) {
                    return null;
                }
                for (int k = count; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0) {
                return null;
            }
            try {
                offset = s.charAt(i) == '+' ? ZoneOffset.ofHoursMinutes(oh, om) : ZoneOffset.ofHoursMinutes(-oh, -om);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null; // e.g. 2026-02-30: the formatter refuses it with its own message
        }
    }

    /**
     * As {@link LocalDate#parse(CharSequence)} (a full-date, {@code 2026-10-31}), read by hand when it has that form and
     * is a real day; anything else goes to {@code LocalDate.parse}, which reads or refuses it as before.
     */
    public static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            if ((year | month | day) >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (DateTimeException e) {
                    // out of range: the formatter refuses it with its own message
                }
            }
        }
        return LocalDate.parse(text);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
