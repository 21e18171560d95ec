package cn.partybuilding.assessment.scoring;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.assessment.indicator.IndicatorSystem;
import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records scores and corrections; each is a new revision with its event. A score is given under the indicator-system
 * version in force for its month (the highest version that has started by then), a correction under the score's version.
 */
@ApplicationScoped
public class AssessmentService {
    @Inject
    OrganisationService organisation;

    @Inject
    IndicatorSystemService indicators;

    @Inject
    PeriodService periods;

    @Inject
    EventPublisher events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    /** A score as the REST API takes it; the assessor is whoever is signed in (an {@code assessor} in the body is ignored). */
    public record ScoreRequest(String unitCode, String indicatorCode, String period, BigDecimal score, String evidence) {
    }

    /** A correction as the REST API takes it; the assessor is whoever is signed in. */
    public record CorrectionRequest(BigDecimal score, String reason, String evidence) {
    }

    /** {@code assessor}: the name of who gives the score (the caller's, from the token; the demo loader's own). */
    @Transactional
    public AssessmentRevision record(ScoreRequest in, String assessor) {
        Checks checks = new Checks();
        checks.required("unitCode", in.unitCode());
        checks.required("indicatorCode", in.indicatorCode());
        checks.period("period", in.period());
        ScoreRules.texts(checks, assessor, in.evidence(), null, false);
        checks.required("score", in.score());
        checks.throwIfAny("评分信息不完整或无效");
        organisation.requireUnit("unitCode", in.unitCode());
        YearMonth month = periods.scorableMonth("period", in.period());
        indicators.lockForScoring(month.getYear());
        IndicatorSystem system = indicators.requireInForce("period", month);
        IndicatorSystem.Indicator indicator = system.indicator(in.indicatorCode())
                .orElseThrow(() -> ProblemException.invalid("indicatorCode", "未知指标: " + in.indicatorCode() + "（" + month + " 适用 "
                        + system.year() + " 年度第 " + system.version() + " 版指标体系（自 " + system.effectiveMonth() + " 起），其中没有该指标）"));
        String kindProblem = ScoreRules.kindProblem(indicator);
        if (kindProblem != null) {
            throw ProblemException.invalid("indicatorCode", kindProblem);
        }
        ScoreRules.score(in.score(), indicator).throwIfAny("分数超出范围（0–" + indicator.maxPoints().stripTrailingZeros().toPlainString() + "）");
        AssessmentRow existing = AssessmentRow.find("unitCode = ?1 and indicatorCode = ?2 and period = ?3",
                in.unitCode(), in.indicatorCode(), in.period()).firstResult();
        if (existing != null) {
            throw duplicate(existing.assessmentId);
        }
        periods.requireOpen("period", in.period());
        AssessmentRow row = new AssessmentRow();
        row.assessmentId = UUID.randomUUID().toString();
        row.unitCode = in.unitCode();
        row.indicatorCode = in.indicatorCode();
        row.period = in.period();
        row.systemYear = system.year();
        row.systemVersion = system.version();
        row.currentRevision = 1;
        row.persist();
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw duplicate("(并发提交)");
        }
        AssessmentRevisionRow revision = revision(row, 1, in.score(), null, null, assessor, in.evidence());
        events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_RECORDED, row.unitCode, AssessmentRecorded.of(row, revision));
        AssessmentRevision out = AssessmentRevision.of(row, revision);
        audit.accepted("assessment", row.assessmentId, null, out);
        return out;
    }

    private static ProblemException duplicate(String assessmentId) {
        return ProblemException.conflict("indicatorCode", "该单位该月该指标已有评分 " + assessmentId + "，如需修改请提交更正（corrections）");
    }

    @Transactional
    public AssessmentRevision correct(String assessmentId, CorrectionRequest in, String assessor) {
        AssessmentRow row = em.find(AssessmentRow.class, assessmentId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("assessmentId", "未知评分: " + assessmentId);
        }
        Checks checks = new Checks();
        checks.required("score", in.score());
        ScoreRules.texts(checks, assessor, in.evidence(), in.reason(), true);
        checks.throwIfAny("更正信息不完整或无效");
        IndicatorSystem system = indicators.version(row.systemYear, row.systemVersion).orElseThrow();
        IndicatorSystem.Indicator indicator = system.indicator(row.indicatorCode).orElseThrow();
        ScoreRules.score(in.score(), indicator).throwIfAny("分数超出范围（0–" + indicator.maxPoints().stripTrailingZeros().toPlainString() + "）");
        periods.requireOpen("period", row.period);
        AssessmentRevisionRow previous = AssessmentRevisionRow.findById(new AssessmentRevisionRow.Key(assessmentId, row.currentRevision));
        AssessmentRevision before = AssessmentRevision.of(row, previous);
        row.currentRevision++;
        AssessmentRevisionRow revision = revision(row, row.currentRevision, in.score(), previous.score, in.reason().trim(),
                assessor, in.evidence() != null ? in.evidence() : previous.evidence);
        events.publish(Topics.ASSESSMENT, EventTypes.ASSESSMENT_CORRECTED, row.unitCode, AssessmentRecorded.of(row, revision));
        AssessmentRevision out = AssessmentRevision.of(row, revision);
        audit.accepted("assessment", assessmentId, before, out);
        return out;
    }

    private AssessmentRevisionRow revision(AssessmentRow row, int number, BigDecimal score, BigDecimal previous, String reason,
                                           String assessor, String evidence) {
        AssessmentRevisionRow revision = new AssessmentRevisionRow();
        revision.key = new AssessmentRevisionRow.Key(row.assessmentId, number);
        revision.score = score.setScale(2, java.math.RoundingMode.UNNECESSARY);
        revision.previousScore = previous;
        revision.reason = reason;
        revision.assessor = assessor.trim();
        revision.evidence = evidence;
        revision.recordedAt = OffsetDateTime.now(clock);
        revision.persist();
        return revision;
    }

    public AssessmentRevision current(String assessmentId) {
        AssessmentRow row = requireRow(assessmentId);
        return AssessmentRevision.of(row, AssessmentRevisionRow.findById(new AssessmentRevisionRow.Key(assessmentId, row.currentRevision)));
    }

    public List<AssessmentRevision> history(String assessmentId) {
        AssessmentRow row = requireRow(assessmentId);
        return AssessmentRevisionRow.<AssessmentRevisionRow>list("key.assessmentId = ?1 order by key.revision", assessmentId).stream()
                .map(r -> AssessmentRevision.of(row, r)).toList();
    }

    private static AssessmentRow requireRow(String assessmentId) {
        AssessmentRow row = AssessmentRow.findById(assessmentId);
        if (row == null) {
            throw ProblemException.notFound("assessmentId", "未知评分: " + assessmentId);
        }
        return row;
    }

    /** Current revisions, filtered; two queries whatever the number of rows. */
    public List<AssessmentRevision> list(String unitCode, String period, String indicatorCode) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        if (unitCode != null) {
            where.add("a.unitCode = :unitCode");
            params.put("unitCode", unitCode);
        }
        if (period != null) {
            where.add("a.period = :period");
            params.put("period", period);
        }
        if (indicatorCode != null) {
            where.add("a.indicatorCode = :indicatorCode");
            params.put("indicatorCode", indicatorCode);
        }
        String jpql = "select a, r from AssessmentRow a, AssessmentRevisionRow r where r.key.assessmentId = a.assessmentId"
                + " and r.key.revision = a.currentRevision" + (where.isEmpty() ? "" : " and " + String.join(" and ", where))
                + " order by a.period, a.unitCode, a.indicatorCode";
        var query = em.createQuery(jpql, Object[].class);
        params.forEach(query::setParameter);
        return query.getResultList().stream().map(o -> AssessmentRevision.of((AssessmentRow) o[0], (AssessmentRevisionRow) o[1])).toList();
    }
}
