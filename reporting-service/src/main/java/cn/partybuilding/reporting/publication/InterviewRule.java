package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.RankedUnit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two-lagging-months interview (issue 13.6), decided from the published (latest) versions of both months whenever
 * either is (re)published, whatever the order: a month's publication decides its own interviews from the month before
 * (NoticePlanner) and, here, those of the month after when that one is published already.
 */
final class InterviewRule {
    private InterviewRule() {
    }

    /** The units of {@code later} that call for an interview: LAGGING there and in {@code earlier} (unit → tier). */
    static Set<String> twiceLagging(Map<String, Tier> earlier, List<RankedUnit> later) {
        Set<String> units = new TreeSet<>();
        for (RankedUnit e : later) {
            if (e.tier() == Tier.LAGGING && earlier.get(e.unitCode()) == Tier.LAGGING) {
                units.add(e.unitCode());
            }
        }
        return units;
    }

    /** The withdrawal reason of a later month's interview that its month before no longer supports. */
    static String withdrawalReason(String period, int version, String reason, String laterPeriod) {
        return Republication.withdrawalReason(period, version, reason == null ? "首次发布" : reason)
                + "：" + laterPeriod.substring(0, 4) + "年" + Integer.parseInt(laterPeriod.substring(5)) + "月不再是连续第二个月处于后进";
    }
}
