package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.ingest.FactsVersion;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.MonthlyScorer;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.reporting.scoring.RankingCalculator;
import cn.partybuilding.reporting.scoring.UnitFacts;
import cn.partybuilding.reporting.scoring.UnitScore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes a month's ranking from the facts. Results are cached per month until the facts change
 * (the ingest bumps {@link FactsVersion}) or a publication changes the previous ranks.
 */
@ApplicationScoped
public class RankingService {
    @Inject
    FactsRepository facts;

    @Inject
    PublishedRankings published;

    @Inject
    FactsVersion factsVersion;

    @Inject
    ReportingConfig config;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    private record Cached(long version, LiveRanking ranking) {
    }

    private final Map<YearMonth, Cached> cache = new ConcurrentHashMap<>();

    private final Map<YearMonth, Object> liveLocks = new ConcurrentHashMap<>();

    public LiveRanking live(YearMonth period) {
        long version = factsVersion.current();
        Cached cached = cache.get(period);
        if (cached != null && cached.version() == version) {
            return cached.ranking();
        }
        // one computation per month at a time: after a change, concurrent requests wait for it instead of each loading the
        // month's facts (50 requests/s each computing a 1,000-unit month exhausted the heap)
        synchronized (liveLocks.computeIfAbsent(period, p -> new Object())) {
            version = factsVersion.current();
            cached = cache.get(period);
            if (cached != null && cached.version() == version) {
                return cached.ranking();
            }
            LiveRanking ranking = compute(period, facts.system(period.getYear()));
            if (cache.size() > 48) {
                cache.clear();
            }
            cache.put(period, new Cached(version, ranking));
            return ranking;
        }
    }

    /** Ranks the month under {@code system} (the current one, or a what-if proposal). */
    public LiveRanking compute(YearMonth period, IndicatorSystem system) {
        Map<String, UnitFacts> unitFacts = facts.month(system, period);
        return rank(period, system, unitFacts);
    }

    public LiveRanking rank(YearMonth period, IndicatorSystem system, Map<String, UnitFacts> unitFacts) {
        // units are scored independently (pure functions of their facts): in parallel, kept in unit-code order
        List<UnitScore> scored = unitFacts.values().parallelStream().map(f -> MonthlyScorer.score(system, period, f)).toList();
        Map<String, UnitScore> scores = new LinkedHashMap<>();
        for (UnitScore s : scored) {
            scores.put(s.unitCode(), s);
        }
        List<RankedUnit> entries = RankingCalculator.rank(new ArrayList<>(scores.values()), previousRanks(period),
                config.tiers().advancedPercent(), config.tiers().laggingPercent());
        return new LiveRanking(period, system, unitFacts, scores, entries);
    }

    /** Ranks of the previous month's latest published version. */
    public Map<String, Integer> previousRanks(YearMonth period) {
        Map<String, Integer> ranks = new HashMap<>();
        published.latestByUnit(period.minusMonths(1)).forEach((unit, entry) -> ranks.put(unit, entry.rank()));
        return ranks;
    }

    private record Card(FactsVersion.Stamp stamp, JsonBody body) {
    }

    private final Map<String, Card> cards = new ConcurrentHashMap<>();
    private final Map<String, Object> cardLocks = new ConcurrentHashMap<>();

    /**
     * The scorecard serialised, cached per (unit, month) until the ingest commits a change attributed to the unit or to
     * every unit (see {@link FactsVersion}): the stamp is taken before the facts are read, so a result computed while a
     * batch commits is stored under the older stamp and recomputed on the next request.
     */
    public JsonBody scorecardBody(YearMonth period, String unitCode) {
        String key = unitCode + "|" + period;
        FactsVersion.Stamp stamp = factsVersion.stamp(unitCode);
        Card card = cards.get(key);
        if (card != null && card.stamp().equals(stamp)) {
            return card.body();
        }
        // one computation per card at a time: concurrent requests for it wait for that one instead of each reading the facts
        synchronized (cardLocks.computeIfAbsent(key, k -> new Object())) {
            stamp = factsVersion.stamp(unitCode);
            card = cards.get(key);
            if (card != null && card.stamp().equals(stamp)) {
                return card.body();
            }
            JsonBody body = JsonBody.of(mapper, scorecard(period, unitCode));
            storeCard(key, stamp, body);
            return body;
        }
    }

    /**
     * Computes and caches the scorecard of every unit of the month that has no current card, from one bulk read of the
     * month's facts and evidence (the first request of each of a thousand units otherwise reads its facts on its own,
     * and a burst of such requests saturates the service). Each card is stored under the stamp its unit had BEFORE the
     * read, so a change committed meanwhile makes it stale, exactly as for a card computed on request. Returns how many
     * cards were computed.
     */
    public int precomputeScorecards(YearMonth period) {
        return precomputeScorecards(period, () -> true);
    }

    /** The same, stopping between chunks of units when {@code keepGoing} says so (-1: stopped). */
    public int precomputeScorecards(YearMonth period, java.util.function.BooleanSupplier keepGoing) {
        IndicatorSystem system = facts.system(period.getYear());
        Map<String, FactsVersion.Stamp> stamps = new HashMap<>();
        facts.unitNames().keySet().forEach(unit -> stamps.put(unit, factsVersion.stamp(unit)));
        int[] computed = {0};
        boolean finished = facts.forEachUnitWithEvidence(system, period, 100, keepGoing, unit -> {
            FactsVersion.Stamp stamp = stamps.get(unit.unitCode());
            String key = unit.unitCode() + "|" + period;
            Card card = cards.get(key);
            if (stamp == null || (card != null && card.stamp().equals(stamp))) {
                return; // a unit that appeared during the read, or a card that is current already
            }
            storeCard(key, stamp, JsonBody.of(mapper, MonthlyScorer.score(system, period, unit)));
            computed[0]++;
        });
        return finished ? computed[0] : -1;
    }

    private void storeCard(String key, FactsVersion.Stamp stamp, JsonBody body) {
        if (cards.size() > 20_000) {
            cards.clear();
            cardLocks.clear();
        }
        cards.put(key, new Card(stamp, body));
    }

    /** One unit's score with the event ids behind every number. */
    public UnitScore scorecard(YearMonth period, String unitCode) {
        IndicatorSystem system = facts.system(period.getYear());
        return MonthlyScorer.score(system, period, facts.unit(system, period, unitCode));
    }
}
