package cn.partybuilding.reporting.debrief;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A unit's 述职评议 score from its reviewers' scores (issue 16.5): their mean; with five or more reviewers one highest
 * and one lowest score are dropped first (the usual 去掉一个最高分、去掉一个最低分, which needs at least three left to mean
 * anything). Rounded half up to two decimals, as the annual results store it. Plain rule, no framework.
 */
public final class DebriefScore {
    /** From this many scores on, the highest and the lowest are dropped. */
    public static final int TRIM_FROM = 5;

    private DebriefScore() {
    }

    /** The debrief score, or null when nobody scored the unit. */
    public static Double of(Collection<Double> scores) {
        if (scores.isEmpty()) {
            return null;
        }
        List<Double> counted = new ArrayList<>(scores);
        counted.sort(Double::compare);
        if (counted.size() >= TRIM_FROM) {
            counted = counted.subList(1, counted.size() - 1);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (double s : counted) {
            sum = sum.add(BigDecimal.valueOf(s));
        }
        return sum.divide(BigDecimal.valueOf(counted.size()), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Whether {@link #of} drops the highest and lowest of this many scores. */
    public static boolean trimmed(int scores) {
        return scores >= TRIM_FROM;
    }
}
