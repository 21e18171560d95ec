package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.scoring.RankedUnit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Payload of cn.partybuilding.ranking.published (MonthlyRanking in the AsyncAPI contract), used for the event only and
 * built from the domain result; the REST response of the same publication is {@link MonthPublicationView}. Names, order
 * and types of the components are the published JSON (EventContractTest, PublicationViewsTest): change them only with
 * the contract.
 */
record RankingPublished(String period, int version, OffsetDateTime publishedAt, Integer systemYear, Integer systemVersion,
                        String reason, List<Entry> entries, List<Unit> notSubmitted) {

    static RankingPublished of(MonthlyPublication.MonthPublication p) {
        List<Entry> entries = new ArrayList<>(p.entries().size());
        p.entries().forEach(e -> entries.add(Entry.of(e)));
        List<Unit> notSubmitted = p.notSubmitted().stream().map(u -> new Unit(u.unitCode(), u.unitName())).toList();
        return new RankingPublished(p.period(), p.version(), p.publishedAt(), p.systemYear(), p.systemVersion(), p.reason(), entries,
                notSubmitted);
    }

    /** A unit of the contract's {@code notSubmitted} (issue 12.4, additive): not ranked, no score, no tier (未报送). */
    record Unit(String unitCode, String unitName) {
    }

    /** RankingEntry of the contract; tier and status as the contract's strings. */
    record Entry(int rank, String unitCode, String unitName, double score, Integer previousRank, Integer rankChange,
                 String tier, String status, double completionRate, double deductions, double bonuses) {

        static Entry of(RankedUnit e) {
            return new Entry(e.rank(), e.unitCode(), e.unitName(), e.score(), e.previousRank(), e.rankChange(), e.tier().name(),
                    e.status().name(), e.completionRate(), e.deductions(), e.bonuses());
        }
    }
}
