package cn.partybuilding.reporting.platform;

import java.time.YearMonth;
import java.util.regex.Pattern;

/** Parses path parameters: months {@code YYYY-MM}, quarters {@code YYYY-Qn}. */
public final class Periods {
    private static final Pattern MONTH = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");
    private static final Pattern QUARTER = Pattern.compile("^[0-9]{4}-Q[1-4]$");

    private Periods() {
    }

    public static YearMonth month(String value, String field) {
        if (value == null || !MONTH.matcher(value).matches()) {
            throw Problem.badRequest("期间格式应为 YYYY-MM，例如 2026-03", field, "must match YYYY-MM, was '" + value + "'");
        }
        return YearMonth.parse(value);
    }

    /** The three months of a quarter {@code YYYY-Qn}. */
    public static YearMonth[] quarter(String value, String field) {
        if (value == null || !QUARTER.matcher(value).matches()) {
            throw Problem.badRequest("季度格式应为 YYYY-Qn，例如 2026-Q1", field, "must match YYYY-Qn, was '" + value + "'");
        }
        int year = Integer.parseInt(value.substring(0, 4));
        int q = value.charAt(6) - '0';
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        return new YearMonth[]{first, first.plusMonths(1), first.plusMonths(2)};
    }

    public static String quarterOf(YearMonth month) {
        return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
    }
}
