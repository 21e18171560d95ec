package cn.partybuilding.assessment.indicator;

import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Definition;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Keeps each year's indicator system, versioned per {@link VersioningPolicy}; publishing a version emits its full structure. */
@ApplicationScoped
public class IndicatorSystemService {
    @Inject
    EventPublisher events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public record VersionInfo(int version, OffsetDateTime publishedAt, long scores) {
    }

    @Transactional
    public IndicatorSystem define(int year, Definition in) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("year", "年度无效: " + year);
        }
        Definition withDefaults = IndicatorSystemRules.withDefaults(in);
        IndicatorSystemRules.validate(withDefaults).throwIfAny("考核指标体系无效");
        Definition definition = IndicatorSystemRules.normalised(withDefaults);
        // serialise concurrent changes of one year: lock the current version's row when there is one
        Optional<IndicatorSystemVersion> current = latestRow(year, true);
        Integer currentVersion = current.map(v -> v.key.version()).orElse(null);
        boolean scored = current.isPresent() && scoreCount(year, currentVersion) > 0;
        boolean same = current.isPresent() && read(current.get()).definition().equals(definition);
        VersioningPolicy.Decision decision = VersioningPolicy.decide(currentVersion, scored, same);
        IndicatorSystem system = new IndicatorSystem(year, decision.version(), definition.bonusCap(),
                definition.examPassScore(), definition.dimensions(), definition.studyPlan());
        switch (decision.action()) {
            case UNCHANGED -> {
                return read(current.get());
            }
            case REPLACE_CURRENT -> {
                current.get().definition = write(system);
                current.get().publishedAt = OffsetDateTime.now(clock);
            }
            case CREATE_FIRST, CREATE_NEXT -> {
                IndicatorSystemVersion row = new IndicatorSystemVersion();
                row.key = new IndicatorSystemVersion.Key(year, decision.version());
                row.definition = write(system);
                row.publishedAt = OffsetDateTime.now(clock);
                row.persist();
            }
        }
        events.publish(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT,
                IndicatorSystemPublished.of(system));
        return system;
    }

    /** The year's current (highest) version. */
    public Optional<IndicatorSystem> current(int year) {
        return latestRow(year, false).map(IndicatorSystemService::read);
    }

    public IndicatorSystem requireCurrent(String field, int year) {
        return current(year).orElseThrow(() -> ProblemException.invalid(field, year + " 年度尚未制定考核指标体系"));
    }

    public Optional<IndicatorSystem> version(int year, int version) {
        return Optional.ofNullable(IndicatorSystemVersion.<IndicatorSystemVersion>findById(new IndicatorSystemVersion.Key(year, version)))
                .map(IndicatorSystemService::read);
    }

    public List<VersionInfo> versions(int year) {
        return IndicatorSystemVersion.<IndicatorSystemVersion>list("key.year = ?1 order by key.version", year).stream()
                .map(v -> new VersionInfo(v.key.version(), v.publishedAt, scoreCount(year, v.key.version()))).toList();
    }

    private Optional<IndicatorSystemVersion> latestRow(int year, boolean lock) {
        var query = IndicatorSystemVersion.<IndicatorSystemVersion>find("key.year = ?1 order by key.version desc", year);
        if (lock) {
            query = query.withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }

    /** Scores (any revision) given under a version; the assessment table belongs to the scoring feature. */
    private long scoreCount(int year, int version) {
        Number count = (Number) em.createNativeQuery("select count(*) from assessment where system_year = ?1 and system_version = ?2")
                .setParameter(1, year).setParameter(2, version).getSingleResult();
        return count.longValue();
    }

    private static String write(IndicatorSystem system) {
        try {
            return CloudEventCodec.MAPPER.writeValueAsString(system);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IndicatorSystem read(IndicatorSystemVersion row) {
        try {
            return CloudEventCodec.MAPPER.readValue(row.definition, IndicatorSystem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored indicator system " + row.key + " unreadable", e);
        }
    }
}
