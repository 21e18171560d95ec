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
