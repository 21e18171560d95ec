package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.platform.ForegroundWork;
import cn.partybuilding.reporting.platform.ReportingConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.Optional;

/**
 * Keeps the live ranking and the scorecards of the month being assessed computed ahead of the requests: when the facts have changed and then
 * stayed unchanged for one interval (an import or a day's study records have been ingested, a ranking was published),
 * every unit's card is computed in one bulk pass. Unit secretaries open their cards in bursts right after a
 * publication; without this, each first request reads its unit's facts on its own.
 */
@ApplicationScoped
public class ScorecardPrecomputation {
    @Inject
    FactsVersion factsVersion;

    @Inject
    FactsReader facts;

    @Inject
    RankingService rankings;

    @Inject
    ReportingConfig config;

    @Inject
    ForegroundWork foreground;

    private long seenVersion = -1;
    private long doneVersion = -1;

    @Scheduled(every = "{reporting.precompute.every}", delayed = "{reporting.precompute.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "scorecard-precomputation")
    void tick() {
        if (!config.precompute().enabled()) {
            return;
        }
        long version = factsVersion.current();
        if (version == doneVersion) {
            return;
        }
        if (version != seenVersion) {
            seenVersion = version; // still changing: wait for a quiet interval
            return;
        }
        run(version);
    }

    private void run(long version) {
        try {
            Optional<YearMonth> month = facts.latestAssessedMonth();
            if (month.isPresent()) {
                long start = System.nanoTime();
                rankings.live(month.get()); // the live ranking too: it is the page opened next to the cards
                int computed = rankings.precomputeScorecards(month.get(), () -> !foreground.busy());
                if (computed < 0) {
                    return; // a publication started: it bumps the facts, and the next quiet interval starts over
                }
                Log.infof("live ranking and scorecards of %s precomputed: %d cards in %d ms", month.get(), computed,
                        (System.nanoTime() - start) / 1_000_000);
            }
            doneVersion = version;
        } catch (RuntimeException | OutOfMemoryError e) {
            // e.g. no indicator system for the year yet, or no room: cards are then computed on request, as before; not
            // retried until the facts change again
            if (e instanceof OutOfMemoryError) {
                Log.warnf("scorecard precomputation gave up for lack of memory; cards are computed on request");
            } else {
                Log.debugf("scorecard precomputation skipped: %s", e.getMessage());
            }
            doneVersion = version;
        }
    }
}
