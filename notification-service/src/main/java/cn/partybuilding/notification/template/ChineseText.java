package cn.partybuilding.notification.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Chinese official-document wording of dates, periods, tiers and figures. */
public final class ChineseText {
    private static final Pattern MONTH = Pattern.compile("^(\\d{4})-(0[1-9]|1[0-2])$");
    private static final Pattern QUARTER = Pattern.compile("^(\\d{4})-Q([1-4])$");
    private static final String[] QUARTERS = {"一", "二", "三", "四"};

    private ChineseText() {
    }

    /** 2026年11月25日 */
    public static String date(LocalDate date) {
        return date == null ? null : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** 2026-10 → 2026年10月; 2026-Q4 → 2026年第四季度; anything else unchanged. */
    public static String period(String period) {
        if (period == null) {
            return "";
        }
        Matcher m = MONTH.matcher(period);
        if (m.matches()) {
            return m.group(1) + "年" + Integer.parseInt(m.group(2)) + "月";
        }
        Matcher q = QUARTER.matcher(period);
        if (q.matches()) {
            return q.group(1) + "年第" + QUARTERS[Integer.parseInt(q.group(2)) - 1] + "季度";
        }
        return period;
    }

    public static boolean isMonth(String period) {
        return period != null && MONTH.matcher(period).matches();
    }

    public static String tier(String tier) {
        if (tier == null) {
            return null;
        }
        return switch (tier) {
            case "ADVANCED" -> "先进";
            case "MIDDLE" -> "中间";
            case "LAGGING" -> "后进";
            default -> tier;
        };
    }

    /** A score with up to two fraction digits, without trailing zeros: 92.5, 88. */
    public static String number(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal scaled = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return scaled.scale() < 0 ? scaled.setScale(0).toPlainString() : scaled.toPlainString();
    }

    /** A rate as a percentage: 0.555 → 55.5%; values above 1 are taken as percentages already. */
    public static String percent(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        BigDecimal pct = rate.compareTo(BigDecimal.ONE) <= 0 ? rate.multiply(BigDecimal.valueOf(100)) : rate;
        return number(pct.setScale(1, RoundingMode.HALF_UP)) + "%";
    }

    /** Rank movement: 上升2位 / 下降3位 / 持平; null when unknown. */
    public static String rankChange(Integer change) {
        if (change == null) {
            return null;
        }
        if (change > 0) {
            return "较上月上升" + change + "位";
        }
        if (change < 0) {
            return "较上月下降" + (-change) + "位";
        }
        return "与上月持平";
    }
}
