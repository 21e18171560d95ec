package cn.partybuilding.notification.ranking;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.InvalidEventException;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The monthly rankings received from reporting-service, one row per (period, version). The latest version of a
 * period is cached once read (a month's bulletins to every unit all quote the same table); storing a version
 * drops the period from the cache.
 */
@ApplicationScoped
public class RankingStore {
    @Inject
    EntityManager em;

    private final Map<String, RankingView> latest = new ConcurrentHashMap<>();

    /** What a bulletin cannot quote without: a month, a version, and rank and unit code on every entry; else rejected (dead-lettered). */
    public static void check(RankingView ranking) {
        List<String> problems = new ArrayList<>();
        if (ranking.period() == null || !ranking.period().matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            problems.add("period '" + ranking.period() + "' is not YYYY-MM");
        }
        if (ranking.version() == null || ranking.version() < 1) {
            problems.add("version is missing or below 1");
        }
        if (ranking.entries() == null) {
            problems.add("entries are missing");
        } else if (ranking.entries().stream().anyMatch(e -> e == null || e.rank() == null || e.unitCode() == null)) {
            problems.add("every entry needs rank and unitCode");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid ranking: " + String.join("; ", problems));
        }
    }

    /** Stores a version once (call {@link #check} first); returns false when that (period, version) was already stored. */
    public boolean store(RankingView ranking, Instant publishedAt) {
        Number existing = (Number) em.createNativeQuery("select count(*) from monthly_ranking where period = ?1 and version = ?2")
                .setParameter(1, ranking.period()).setParameter(2, ranking.version()).getSingleResult();
        if (existing.intValue() > 0) {
            return false;
        }
        latest.remove(ranking.period());
        try {
            em.createNativeQuery("insert into monthly_ranking (period, version, published_at, entries, not_submitted) "
                            + "values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, ranking.period())
                    .setParameter(2, ranking.version())
                    .setParameter(3, publishedAt == null ? null : Timestamp.from(publishedAt))
                    .setParameter(4, CloudEventCodec.MAPPER.writeValueAsString(ranking.entries()))
                    .setParameter(5, ranking.notSubmitted() == null ? null : CloudEventCodec.MAPPER.writeValueAsString(ranking.notSubmitted()))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** The highest version received for the period. */
    public Optional<RankingView> latest(String period) {
        RankingView cached = latest.get(period);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<RankingView> read = read(period);
        read.ifPresent(r -> latest.put(period, r));
        return read;
    }

    private Optional<RankingView> read(String period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select version, entries, not_submitted from monthly_ranking where period = ?1 order by version desc")
                .setParameter(1, period).setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<RankingView.Entry> entries = CloudEventCodec.MAPPER.readValue((String) rows.get(0)[1],
                    CloudEventCodec.MAPPER.getTypeFactory().constructCollectionType(List.class, RankingView.Entry.class));
            String notSubmitted = (String) rows.get(0)[2];
            List<RankingView.Unit> units = notSubmitted == null ? null : CloudEventCodec.MAPPER.readValue(notSubmitted,
                    CloudEventCodec.MAPPER.getTypeFactory().constructCollectionType(List.class, RankingView.Unit.class));
            return Optional.of(new RankingView(period, ((Number) rows.get(0)[0]).intValue(), entries, units));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ranking of " + period + " unreadable", e);
        }
    }
}
