package cn.partybuilding.assessment.indicator;

import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Definition;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import cn.partybuilding.assessment.period.PeriodService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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

    @Inject
    PeriodService periods;

    @Inject
    AuditTrail audit;

    public record VersionInfo(int version, OffsetDateTime publishedAt, long scores, String effectiveFrom) {
    }

    @Transactional
    public IndicatorSystem define(int year, Definition in) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("year", "年度无效: " + year);
        }
        Definition withDefaults = IndicatorSystemRules.withDefaults(in);
        IndicatorSystemRules.validate(withDefaults).throwIfAny("考核指标体系无效");
        Definition definition = IndicatorSystemRules.normalised(withDefaults); // the content, without effectiveFrom
        String stated = in.effectiveFrom();
        // serialise concurrent changes of one year, and against scores being recorded (they share this row, see lockForScoring)
        Optional<IndicatorSystemVersion> current = latestRow(year, LockModeType.PESSIMISTIC_WRITE);
        Integer currentVersion = current.map(v -> v.key.version()).orElse(null);
        IndicatorSystem currentSystem = current.map(IndicatorSystemService::read).orElse(null);
        boolean scored = current.isPresent() && scoreCount(year, currentVersion) > 0;
        boolean same = currentSystem != null && currentSystem.definition().equals(definition)
                && (stated == null || stated.equals(currentSystem.effectiveMonth().toString()));
        VersioningPolicy.Decision decision = VersioningPolicy.decide(currentVersion, scored, same);
        if (decision.action() == VersioningPolicy.Action.UNCHANGED) {
            audit.accepted("indicator-system", year + "/" + currentVersion, currentSystem, currentSystem);
            return currentSystem;
        }
        YearMonth from = effectiveFrom(year, stated, decision, currentSystem);
        IndicatorSystem system = new IndicatorSystem(year, decision.version(), definition.bonusCap(),
                definition.examPassScore(), definition.dimensions(), definition.studyPlan(), from.toString());
        if (decision.action() == VersioningPolicy.Action.REPLACE_CURRENT) {
            current.get().definition = write(system);
            current.get().publishedAt = OffsetDateTime.now(clock);
        } else {
            IndicatorSystemVersion row = new IndicatorSystemVersion();
            row.key = new IndicatorSystemVersion.Key(year, decision.version());
            row.definition = write(system);
            row.publishedAt = OffsetDateTime.now(clock);
            row.persist();
        }
        events.publish(Topics.ASSESSMENT, EventTypes.INDICATOR_SYSTEM_PUBLISHED, Topics.COMMITTEE_SUBJECT,
                IndicatorSystemPublished.of(system));
        // a new version has nothing before it; a replaced (unscored) current version had its old content
        audit.accepted("indicator-system", year + "/" + system.version(),
                decision.action() == VersioningPolicy.Action.REPLACE_CURRENT ? currentSystem : null, system);
        return system;
    }

    /** The month the version being defined applies from ({@link EffectiveFromRule}), or a 400/409 on effectiveFrom. */
    private YearMonth effectiveFrom(int year, String stated, VersioningPolicy.Decision decision, IndicatorSystem currentSystem) {
        boolean replacing = decision.action() == VersioningPolicy.Action.REPLACE_CURRENT;
        YearMonth previousStart = replacing
                ? version(year, decision.version() - 1).map(IndicatorSystem::effectiveMonth).orElse(null)
                : currentSystem == null ? null : currentSystem.effectiveMonth();
        EffectiveFromRule.Decision from = EffectiveFromRule.decide(stated, new EffectiveFromRule.Year(year, decision.version(),
                previousStart, replacing ? currentSystem.effectiveMonth() : null, scoredMonths(year), periods.lockedMonths(year)));
        if (from.refusal() == EffectiveFromRule.Refusal.INVALID) {
            throw ProblemException.invalid("考核指标体系的适用起始月无效：" + from.reason(), EffectiveFromRule.FIELD, from.reason());
        }
        if (from.refusal() == EffectiveFromRule.Refusal.CONFLICT) {
            throw ProblemException.conflict("考核指标体系不能自该月起适用：" + from.reason(), EffectiveFromRule.FIELD, from.reason());
        }
        return from.month();
    }

    /** The year's current (highest) version. */
    public Optional<IndicatorSystem> current(int year) {
        return latestRow(year, null).map(IndicatorSystemService::read);
    }

    public IndicatorSystem requireCurrent(String field, int year) {
        return current(year).orElseThrow(() -> ProblemException.invalid(field, year + " 年度尚未制定考核指标体系"));
    }

    /** The version in force for the month ({@link EffectiveFromRule#inForce}); 400 on {@code field} when the year has none. */
    public IndicatorSystem requireInForce(String field, YearMonth month) {
        List<IndicatorSystem> versions = IndicatorSystemVersion.<IndicatorSystemVersion>list("key.year = ?1 order by key.version", month.getYear())
                .stream().map(IndicatorSystemService::read).toList();
        return EffectiveFromRule.inForce(versions, month).orElseThrow(() -> ProblemException.invalid(field, versions.isEmpty()
                ? month.getYear() + " 年度尚未制定考核指标体系" : month + " 没有适用的考核指标体系"));
    }

    /**
     * Called before a score is given under the version in force: waits for a change of the year's system in flight (it
     * holds the latest version's row for update), and makes a change wait for this score's commit, so a new version
     * never starts at a month that receives a score under the old one meanwhile. Read the version in force AFTER it.
     */
    public void lockForScoring(int year) {
        latestRow(year, LockModeType.PESSIMISTIC_READ);
    }

    public Optional<IndicatorSystem> version(int year, int version) {
        return Optional.ofNullable(IndicatorSystemVersion.<IndicatorSystemVersion>findById(new IndicatorSystemVersion.Key(year, version)))
                .map(IndicatorSystemService::read);
    }

    public List<VersionInfo> versions(int year) {
        return IndicatorSystemVersion.<IndicatorSystemVersion>list("key.year = ?1 order by key.version", year).stream()
                .map(v -> new VersionInfo(v.key.version(), v.publishedAt, scoreCount(year, v.key.version()),
                        read(v).effectiveMonth().toString())).toList();
    }

    private Optional<IndicatorSystemVersion> latestRow(int year, LockModeType lock) {
        var query = IndicatorSystemVersion.<IndicatorSystemVersion>find("key.year = ?1 order by key.version desc", year);
        if (lock != null) {
            query = query.withLock(lock);
        }
        return query.firstResultOptional();
    }

    /** Scores (any revision) given under a version; the assessment table belongs to the scoring feature. */
    private long scoreCount(int year, int version) {
        Number count = (Number) em.createNativeQuery("select count(*) from assessment where system_year = ?1 and system_version = ?2")
                .setParameter(1, year).setParameter(2, version).getSingleResult();
        return count.longValue();
    }

    /** Months of the year with a score (any version); the assessment table belongs to the scoring feature. */
    private List<YearMonth> scoredMonths(int year) {
        @SuppressWarnings("unchecked")
        List<String> periods = em.createNativeQuery("select distinct period from assessment where system_year = ?1")
                .setParameter(1, year).getResultList();
        return periods.stream().map(YearMonth::parse).toList();
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
            IndicatorSystem system = CloudEventCodec.MAPPER.readValue(row.definition, IndicatorSystem.class);
            // versions stored before effectiveFrom existed applied from January (as their events are read by consumers)
            return system.effectiveFrom() != null ? system : new IndicatorSystem(system.year(), system.version(), system.bonusCap(),
                    system.examPassScore(), system.dimensions(), system.studyPlan(), system.effectiveMonth().toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored indicator system " + row.key + " unreadable", e);
        }
    }
}
