package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Every cache of reporting-service, per instance; a change committed by any instance invalidates them ({@link FactsVersion}
 * hears the others' commits). What is
 * derived from the facts is kept under the {@link FactsVersion} generation or stamp taken BEFORE the facts were read: a
 * batch that commits meanwhile bumps after its commit, so a result computed from older facts no longer matches and is
 * never served. Published rankings are frozen, so their bodies are kept as they are (a republication is a new version).
 * The maps of months, cards and published bodies are bounded by clearing them when full: the working set (the months
 * being assessed, a thousand units' cards) is far below the bounds.
 */
@ApplicationScoped
public class RankingCache {
    private static final int MAX_MONTHS = 48;
    private static final int MAX_CARDS = 20_000;
    private static final int MAX_PUBLISHED = 256;

    @Inject
    FactsVersion factsVersion;

    private record Generation<T>(long generation, T value) {
    }

    private record Card(FactsVersion.Stamp stamp, JsonBody body) {
    }

    private final Map<Integer, Generation<List<IndicatorSystem>>> systems = new ConcurrentHashMap<>();
    private final Map<YearMonth, Generation<LiveRanking>> live = new ConcurrentHashMap<>();
    private final Map<YearMonth, Object> liveLocks = new ConcurrentHashMap<>();
    private final Map<String, Card> cards = new ConcurrentHashMap<>();
    private final Map<String, Object> cardLocks = new ConcurrentHashMap<>();
    private final Map<String, JsonBody> published = new ConcurrentHashMap<>();
    private final Map<YearMonth, Generation<Optional<Integer>>> latestVersions = new ConcurrentHashMap<>();

    /**
     * The versions of the year's indicator system, parsed once and kept until a change not attributed to single units (an
     * indicator system is one) is committed.
     */
    public List<IndicatorSystem> systems(int year, IntFunction<List<IndicatorSystem>> read) {
        return untilGlobalChange(systems, year, y -> List.copyOf(read.apply(y)), Integer.MAX_VALUE);
    }

    /** The month's live ranking, kept until any change of the facts (or a publication, which bumps them too). */
    public LiveRanking live(YearMonth period, Function<YearMonth, LiveRanking> compute) {
        long version = factsVersion.current();
        Generation<LiveRanking> cached = live.get(period);
        if (cached != null && cached.generation() == version) {
            return cached.value();
        }
        // one computation per month at a time: after a change, concurrent requests wait for it instead of each loading the
        // month's facts (50 requests/s each computing a 1,000-unit month exhausted the heap)
        synchronized (liveLocks.computeIfAbsent(period, p -> new Object())) {
            version = factsVersion.current();
            cached = live.get(period);
            if (cached != null && cached.generation() == version) {
                return cached.value();
            }
            if (cached != null) {
                // the stale month goes before the new one is read: both at once were two copies of 50,000 members' facts
                live.remove(period, cached);
            }
            LiveRanking ranking = compute.apply(period);
            if (live.size() > MAX_MONTHS) {
                live.clear();
            }
            live.put(period, new Generation<>(version, ranking));
            return ranking;
        }
    }

    /**
     * A unit's serialised scorecard of the month, kept until the ingest commits a change attributed to the unit or to
     * every unit. One computation per card at a time: concurrent requests for it wait for that one instead of each
     * reading the facts.
     */
    public JsonBody scorecard(YearMonth period, String unitCode, Supplier<JsonBody> compute) {
        String key = cardKey(period, unitCode);
        FactsVersion.Stamp stamp = factsVersion.stamp(unitCode);
        Card card = cards.get(key);
        if (card != null && card.stamp().equals(stamp)) {
            return card.body();
        }
        synchronized (cardLocks.computeIfAbsent(key, k -> new Object())) {
            stamp = factsVersion.stamp(unitCode);
            card = cards.get(key);
            if (card != null && card.stamp().equals(stamp)) {
                return card.body();
            }
            JsonBody body = compute.get();
            storeCard(key, stamp, body);
            return body;
        }
    }

    /** The units' stamps, to be taken BEFORE a bulk read of their facts (see {@link #precomputed}). */
    public Map<String, FactsVersion.Stamp> stamps(Collection<String> unitCodes) {
        Map<String, FactsVersion.Stamp> stamps = new HashMap<>();
        unitCodes.forEach(unit -> stamps.put(unit, factsVersion.stamp(unit)));
        return stamps;
    }

    /**
     * Stores a card computed in a bulk pass under the stamp its unit had before the read, unless the unit had no stamp
     * then (it appeared during the read) or its card is current already. Returns whether the card was computed.
     */
    public boolean precomputed(YearMonth period, String unitCode, FactsVersion.Stamp stampBeforeRead, Supplier<JsonBody> compute) {
        String key = cardKey(period, unitCode);
        Card card = cards.get(key);
        if (stampBeforeRead == null || (card != null && card.stamp().equals(stampBeforeRead))) {
            return false;
        }
        storeCard(key, stampBeforeRead, compute.get());
        return true;
    }

    /**
     * The month's latest published version number, kept until a change not attributed to single units (a publication is
     * one): the published ranking is the most requested page, and asking PostgreSQL for the number on each request put
     * every request behind whatever else the database was doing.
     */
    public Optional<Integer> latestPublishedVersion(YearMonth period, Function<YearMonth, Optional<Integer>> read) {
        return untilGlobalChange(latestVersions, period, read, MAX_MONTHS);
    }

    /**
     * {@code read(key)}, kept in {@code cache} until a change not attributed to single units is committed (the global
     * generation, taken before the read); the map is cleared when it holds more than {@code max} entries.
     */
    private <K, V> V untilGlobalChange(Map<K, Generation<V>> cache, K key, Function<K, V> read, int max) {
        long generation = factsVersion.stamp("").global();
        Generation<V> cached = cache.get(key);
        if (cached != null && cached.generation() == generation) {
            return cached.value();
        }
        V value = read.apply(key);
        if (cache.size() > max) {
            cache.clear();
        }
        cache.put(key, new Generation<>(generation, value));
        return value;
    }

    /** The serialised body of a published version: frozen, so valid for as long as it is kept. */
    public JsonBody published(YearMonth period, int version, Supplier<JsonBody> serialise) {
        String key = period + "|" + version;
        JsonBody body = published.get(key);
        if (body == null) {
            body = serialise.get();
            if (published.size() > MAX_PUBLISHED) {
                published.clear();
            }
            published.put(key, body);
        }
        return body;
    }

    private static String cardKey(YearMonth period, String unitCode) {
        return unitCode + "|" + period;
    }

    private void storeCard(String key, FactsVersion.Stamp stamp, JsonBody body) {
        if (cards.size() > MAX_CARDS) {
            cards.clear();
            cardLocks.clear();
        }
        cards.put(key, new Card(stamp, body));
    }
}
