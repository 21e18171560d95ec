package cn.partybuilding.assessment.common;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Periods are months written {@code YYYY-MM}. */
public final class Periods {
    private static final Pattern PATTERN = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM");

    private Periods() {
    }

    public static boolean valid(String period) {
        return period != null && PATTERN.matcher(period).matches();
    }

    /** Parses or throws a 400 problem naming {@code field}. */
    public static YearMonth parse(String field, String period) {
        if (period == null || period.isBlank()) {
            throw ProblemException.invalid(field, "必填，格式 YYYY-MM");
        }
        if (!valid(period)) {
            throw ProblemException.invalid(field, "格式应为 YYYY-MM，收到 " + period);
        }
        try {
            return YearMonth.parse(period, FORMAT);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "格式应为 YYYY-MM，收到 " + period);
        }
    }

    public static String of(LocalDate date) {
        return format(YearMonth.from(date));
    }

    public static String format(YearMonth month) {
        return month.format(FORMAT);
    }
}
