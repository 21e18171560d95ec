package cn.partybuilding.eventing.time;

import cn.partybuilding.eventing.web.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Assessment periods: months written {@code YYYY-MM}, quarters {@code YYYY-Qn}. Parsing refuses with a 400 naming the field. */
public final class Periods {
    private static final Pattern MONTH = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");
    private static final Pattern QUARTER = Pattern.compile("^[0-9]{4}-Q[1-4]$");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM");

    private Periods() {
    }

    public static boolean valid(String month) {
        return month != null && MONTH.matcher(month).matches();
    }

    /** A month {@code YYYY-MM}, or a 400 problem naming {@code field}. */
    public static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "必填，格式 YYYY-MM，例如 2026-03");
        }
        if (!valid(value)) {
            throw ProblemException.invalid(field, "格式应为 YYYY-MM，例如 2026-03，收到 " + value);
        }
        return YearMonth.parse(value, FORMAT);
    }

    /** The three months of a quarter {@code YYYY-Qn}, or a 400 problem naming {@code field}. */
    public static YearMonth[] quarter(String field, String value) {
        if (value == null || !QUARTER.matcher(value).matches()) {
            throw ProblemException.invalid(field, "格式应为 YYYY-Qn，例如 2026-Q1，收到 " + value);
        }
        int year = Integer.parseInt(value.substring(0, 4));
        int q = value.charAt(6) - '0';
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        return new YearMonth[]{first, first.plusMonths(1), first.plusMonths(2)};
    }

    public static String quarterOf(YearMonth month) {
        return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
    }

    public static String of(LocalDate date) {
        return format(YearMonth.from(date));
    }

    public static String format(YearMonth month) {
        return month.format(FORMAT);
    }
}
