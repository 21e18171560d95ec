package cn.partybuilding.reporting.publication;

import cn.partybuilding.eventing.web.ProblemException;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a quarter or a year needs before it is published: all of its months published, and for a year a 述职评议 score
 * for every unit with monthly results. A grade or an annual result from part of the period (or from a debrief counted
 * as 0) would be a different figure from the one published once the rest arrives, and a published result is sent to
 * the units; so publication is refused, naming what is missing, rather than marked provisional.
 */
final class PublicationPrerequisites {
    private PublicationPrerequisites() {
    }

    /**
     * Frozen months (issue 12.2): a month is published only while it is locked in assessment-service (reporting-service
     * hears of it through period.locked / period.reopened), so no accepted write can change the published figures; a
     * published month is published again only under a newer lock than its last publication's, i.e. after the committee
     * reopened it with a reason and locked it again. Returns the reason the publication carries: the one given, else (for
     * a republication) the last reopen's. Otherwise 409 naming the month and what to do; nothing is written.
     */
    static String requireFrozen(YearMonth period, boolean locked, String lockEventId, Integer latestVersion, String latestLockEventId,
                                String reopenReason, String givenReason) {
        String month = period.getYear() + "年" + period.getMonthValue() + "月";
        if (!locked) {
            throw ProblemException.conflict(month + "尚未锁定：请先在考评服务锁定该月再发布", "period", "month not locked in assessment-service");
        }
        if (latestVersion == null) {
            return givenReason;
        }
        if (lockEventId.equals(latestLockEventId)) {
            throw ProblemException.conflict(month + "的排名已发布（第 " + latestVersion + " 版），此后该月未重新开放：如需更正，请先在考评服务说明理由"
                    + "重新开放该月，更正后再次锁定，再重新发布", "period", "not reopened and locked again since version " + latestVersion);
        }
        String reason = givenReason != null ? givenReason : reopenReason;
        requireReason(reason, month + "的排名", latestVersion, "month");
        return reason;
    }

    /**
     * A year published again (version 2 or more) says why, as a republished month does: its 更正通报 tells the units the
     * results were corrected and cites the reason. Otherwise 409; the publishing transaction rolls back.
     */
    static void requireYearReason(int year, int version, String reason) {
        if (version > 1) {
            requireReason(reason, year + "年度考评结果", version - 1, "year");
        }
    }

    /** The reason a caller gave: trimmed, or null when none or blank. */
    static String given(String reason) {
        return reason == null || reason.isBlank() ? null : reason.trim();
    }

    /** 409 unless a republication of {@code what} (published up to {@code latestVersion}) says why. */
    private static void requireReason(String reason, String what, int latestVersion, String period) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.conflict(what + "已发布（第 " + latestVersion + " 版）；重新发布须说明理由", "reason",
                    "required to republish a published " + period);
        }
    }

    /** 409 when the month was reopened or locked again while its ranking was being computed. */
    static ProblemException lockChanged(YearMonth period) {
        return ProblemException.conflict(period.getYear() + "年" + period.getMonthValue() + "月的锁定状态在发布过程中发生了变化，请确认后重试",
                "period", "lock changed during publication");
    }

    /** 409 naming the months (of those the quarter or year covers) not yet published, in month order. */
    static void requireAllMonths(String what, List<YearMonth> months, Collection<String> published) {
        List<String> missing = months.stream().map(YearMonth::toString).filter(m -> !published.contains(m)).toList();
        if (!missing.isEmpty()) {
            String list = String.join("、", missing);
            throw ProblemException.conflict(what + "需在其全部月度排名发布后发布，未发布的月份：" + list, "months", "未发布的月份：" + list);
        }
    }

    /** 409 naming the units (code and name, by code) that have monthly results in the year but no debrief score. */
    static void requireDebriefs(int year, Set<String> units, Set<String> withDebrief, Map<String, String> names) {
        List<String> missing = units.stream().filter(u -> !withDebrief.contains(u)).sorted()
                .map(u -> names.get(u) == null ? u : u + " " + names.get(u)).toList();
        if (!missing.isEmpty()) {
            String list = String.join("、", missing);
            throw ProblemException.conflict(year + " 年度结果需在每个单位的述职评议得分录入后发布，无述职评议得分的单位：" + list,
                    "debrief", "无述职评议得分的单位：" + list);
        }
    }
}
