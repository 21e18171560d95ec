package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.platform.ReportingConfig;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.MonthlyScorer;
import cn.partybuilding.reporting.scoring.RankedUnit;
import cn.partybuilding.reporting.scoring.RankingCalculator;
import cn.partybuilding.reporting.scoring.UnitFacts;
import cn.partybuilding.reporting.scoring.UnitScore;
import cn.partybuilding.reporting.scoring.VersionInForce;
import cn.partybuilding.eventing.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a month's ranking and the units' scorecards from the facts. Results are cached ({@link RankingCache}) until the
 * facts change (the ingest bumps {@link FactsVersion}) or a publication changes the previous ranks.
 */
@ApplicationScoped
public class RankingService {
    @Inject
    FactsReader facts;

    @Inject
    PublishedRankings published;

    @Inject
    RankingCache cache;

    @Inject
    ReportingConfig config;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    /** The month ranked from the current facts under the indicator-system version in force for it. */
    public LiveRanking live(YearMonth period) {
        return cache.live(period, p -> compute(p, system(p)));
    }

    /** The version of the indicator system in force for the month ({@link VersionInForce}); 409 when there is none. */
    public IndicatorSystem system(YearMonth month) {
        List<IndicatorSystem> versions = cache.systems(month.getYear(), facts::indicatorSystems);
        if (versions.isEmpty()) {
            throw ProblemException.conflict(month.getYear() + " 年度考核指标体系尚未发布", "period", "no indicator system published for " + month.getYear());
        }
        return VersionInForce.of(versions, month).orElseThrow(() -> ProblemException.conflict(month + " 没有适用的考核指标体系（最早的版本自 "
                + versions.get(0).effectiveMonth() + " 起适用）", "period", "no indicator-system version in force for " + month));
    }

    /** Ranks the month under {@code system} (the version in force, or a what-if proposal). */
    public LiveRanking compute(YearMonth period, IndicatorSystem system) {
        Map<String, UnitFacts> unitFacts = facts.month(system, period);
        return rank(period, system, unitFacts);
    }

    public LiveRanking rank(YearMonth period, IndicatorSystem system, Map<String, UnitFacts> unitFacts) {
        return rank(period, system, unitFacts, null);
    }

    /**
     * The month ranked by the running scores on {@code day} (the study compared with what is due by that day, see
     * {@link MonthlyScorer#score(IndicatorSystem, YearMonth, UnitFacts, java.time.LocalDate)}), from the same facts as the
     * live ranking; from the month's last day on, the live ranking itself. Not cached: the early warning asks once a day.
     */
    public LiveRanking runningOn(YearMonth period, java.time.LocalDate day) {
        LiveRanking live = live(period);
        return day.isBefore(period.atEndOfMonth()) ? rank(period, live.system(), live.facts(), day) : live;
    }

    private LiveRanking rank(YearMonth period, IndicatorSystem system, Map<String, UnitFacts> unitFacts, java.time.LocalDate asOf) {
        // units are scored independently (pure functions of their facts): in parallel, kept in unit-code order
        List<UnitScore> scored = unitFacts.values().parallelStream().map(f -> MonthlyScorer.score(system, period, f, asOf)).toList();
        Map<String, UnitScore> scores = new LinkedHashMap<>();
        for (UnitScore s : scored) {
            scores.put(s.unitCode(), s);
        }
        List<RankedUnit> entries = RankingCalculator.rank(new ArrayList<>(scores.values()), previousRanks(period),
                config.tiers().advancedPercent(), config.tiers().laggingPercent());
        return new LiveRanking(period, system, unitFacts, scores, entries, RankingCalculator.notSubmitted(scored));
    }

    /** Ranks of the previous month's latest published version. */
    public Map<String, Integer> previousRanks(YearMonth period) {
        Map<String, Integer> ranks = new HashMap<>();
        published.latestByUnit(period.minusMonths(1)).forEach((unit, entry) -> ranks.put(unit, entry.rank()));
        return ranks;
    }

    /**
     * The scorecard serialised, cached per (unit, month) until the ingest commits a change attributed to the unit or to
     * every unit (see {@link FactsVersion}): the stamp is taken before the facts are read, so a result computed while a
     * batch commits is stored under the older stamp and recomputed on the next request.
     */
    public JsonBody scorecardBody(YearMonth period, String unitCode) {
        return cache.scorecard(period, unitCode, () -> JsonBody.compressed(mapper, scorecard(period, unitCode)));
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

    /** The same, stopping before a chunk or a card when {@code keepGoing} says so (-1: stopped). */
    public int precomputeScorecards(YearMonth period, java.util.function.BooleanSupplier keepGoing) {
        // the stamps before the facts are read (or, when the live ranking is cached, before it is looked up: it was read under
        // the current generation or a later one, so no card is ever kept under a stamp newer than its facts)
        Map<String, FactsVersion.Stamp> stamps = cache.stamps(facts.unitNames().keySet());
        LiveRanking live = live(period);
        IndicatorSystem system = live.system();
        int[] computed = {0};
        // keepGoing is asked before each card, not only between chunks: a publication that starts meanwhile gets the cores
        // back after the chunk's evidence is read instead of after its 100 cards
        boolean finished = facts.forEachUnitWithEvidence(system, period, live.facts(), 100, keepGoing, unit -> {
            if (cache.precomputed(period, unit.facts().unitCode(), stamps.get(unit.facts().unitCode()),
                    () -> JsonBody.compressed(mapper, ScorecardView.of(system, MonthlyScorer.score(system, period, unit.facts()), unit.evidence(), unit.late())))) {
                computed[0]++;
            }
        });
        return finished ? computed[0] : -1;
    }

    /** One unit's score with the event ids behind every number and what each of those events was. */
    public ScorecardView scorecard(YearMonth period, String unitCode) {
        IndicatorSystem system = system(period);
        FactsReader.UnitWithEvidence unit = facts.unit(system, period, unitCode);
        return ScorecardView.of(system, MonthlyScorer.score(system, period, unit.facts()), unit.evidence(), unit.late());
    }
}
