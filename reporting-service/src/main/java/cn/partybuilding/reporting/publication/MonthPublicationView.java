package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.ranking.NotSubmittedView;
import cn.partybuilding.reporting.ranking.RankingEntryView;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Response of {@code POST /rankings/{period}/publish}: the frozen version and how many notice requests it emitted. Its own
 * record, built from the domain result like the event ({@link RankingPublished}), so the API and the contract change
 * independently.
 */
public record MonthPublicationView(String period, int version, OffsetDateTime publishedAt, List<RankingEntryView> entries,
                                   List<NotSubmittedView> notSubmitted, int noticeRequests) {

    static MonthPublicationView of(MonthlyPublication.MonthPublication p) {
        return new MonthPublicationView(p.period(), p.version(), p.publishedAt(), RankingEntryView.of(p.entries()),
                NotSubmittedView.of(p.notSubmitted()), p.notices().size());
    }
}
