package cn.partybuilding.assessment.rectification;

import cn.partybuilding.assessment.common.AssessmentConfig;
import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.time.Periods;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Findings become deductions and rectification items; items are closed out (销号) or turn OVERDUE. */
@ApplicationScoped
public class RectificationService {
    @Inject
    OrganisationService organisation;

    @Inject
    PeriodService periods;

    @Inject
    EventPublisher events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AssessmentConfig config;

    @Inject
    AuditTrail audit;

    public record FindingRequest(String unitCode, String period, BigDecimal deductionPoints, String source, String description,
                                 LocalDate deadline) {
    }

    public record CloseRequest(String evidence, LocalDate closedOn) {
    }

    @Transactional
    public FindingView raise(FindingRequest in) {
        Checks checks = new Checks();
        checks.required("unitCode", in.unitCode());
        checks.period("period", in.period());
        checks.range("deductionPoints", in.deductionPoints(), new BigDecimal("0.01"), new BigDecimal("100"));
        checks.text("source", in.source(), 50);
        checks.text("description", in.description(), 2000);
        LocalDate today = LocalDate.now(clock);
        checks.throwIfAny("问题信息不完整或无效");
        if (in.deadline() != null && in.deadline().isBefore(Periods.month("period", in.period()).atDay(1))) {
            // a finding entered late may carry a deadline already past (it turns OVERDUE at the next status run), but not one before its month
            throw ProblemException.invalid("deadline", "整改期限不能早于问题所属月份");
        }
        organisation.requireUnit("unitCode", in.unitCode());
        periods.scorableMonth("period", in.period());
        periods.requireOpen("period", in.period());
        Finding finding = new Finding();
        finding.findingId = UUID.randomUUID().toString();
        finding.unitCode = in.unitCode();
        finding.period = in.period();
        finding.deductionPoints = in.deductionPoints().setScale(2, RoundingMode.UNNECESSARY);
        finding.source = in.source().trim();
        finding.description = in.description().trim();
        finding.raisedAt = OffsetDateTime.now(clock);
        finding.persist();
        RectificationItem item = new RectificationItem();
        item.itemId = UUID.randomUUID().toString();
        item.findingId = finding.findingId;
        item.unitCode = finding.unitCode;
        item.description = finding.description;
        item.deadline = in.deadline() != null ? in.deadline() : today.plusDays(config.rectification().defaultDeadlineDays());
        item.status = RectificationRules.statusOn(RectificationItem.Status.OPEN, item.deadline, today);
        item.persist();
        events.publish(Topics.ASSESSMENT, EventTypes.FINDING_RAISED, finding.unitCode, FindingRaised.of(finding, item));
        if (item.status == RectificationItem.Status.OVERDUE) {
            events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_OVERDUE, item.unitCode, RectificationChanged.of(item));
        }
        FindingView out = FindingView.of(finding, item);
        audit.accepted("finding", finding.findingId, null, out);
        return out;
    }

    @Transactional
    public RectificationState close(String itemId, CloseRequest in) {
        return close(itemId, in, unitCode -> true);
    }

    /** Closes out an item of a unit {@code visible} accepts; another unit's item is unknown (404), like a missing one. */
    @Transactional
    public RectificationState close(String itemId, CloseRequest in, java.util.function.Predicate<String> visible) {
        RectificationItem item = em.find(RectificationItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || !visible.test(item.unitCode)) {
            throw ProblemException.notFound("itemId", "未知整改事项: " + itemId);
        }
        Checks checks = new Checks();
        checks.text("evidence", in.evidence(), 2000);
        checks.throwIfAny("销号须提供整改佐证材料");
        LocalDate today = LocalDate.now(clock);
        LocalDate closedOn = in.closedOn() != null ? in.closedOn() : today;
        String problem = RectificationRules.closeProblem(item.status, closedOn, today);
        if (problem != null) {
            throw item.status == RectificationItem.Status.CLOSED ? ProblemException.conflict("itemId", problem)
                    : ProblemException.invalid("closedOn", problem);
        }
        RectificationState before = RectificationState.of(item);
        item.status = RectificationItem.Status.CLOSED;
        item.closedOn = closedOn;
        item.evidence = in.evidence().trim();
        events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_CLOSED, item.unitCode, RectificationChanged.of(item));
        RectificationState out = RectificationState.of(item);
        audit.accepted("rectification-item", itemId, before, out);
        return out;
    }

    /** Turns every OPEN item past its deadline on {@code today} OVERDUE, one event each. Returns how many changed. */
    @Transactional
    public int refreshStatuses(LocalDate today) {
        List<RectificationItem> due = RectificationItem.<RectificationItem>find("status = ?1 and deadline < ?2 order by unitCode, deadline",
                RectificationItem.Status.OPEN, today).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<CloudEvent> batch = new ArrayList<>();
        for (RectificationItem item : due) {
            RectificationItem.Status next = RectificationRules.statusOn(item.status, item.deadline, today);
            if (next != item.status) {
                item.status = next;
                batch.add(events.event(EventTypes.RECTIFICATION_OVERDUE, item.unitCode, RectificationChanged.of(item)));
            }
        }
        events.publishAll(Topics.ASSESSMENT, batch);
        return batch.size();
    }

    public List<FindingView> findings(String unitCode, String period) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (unitCode != null) {
            params.add(unitCode);
            q.append(" and unitCode = ?").append(params.size());
        }
        if (period != null) {
            params.add(period);
            q.append(" and period = ?").append(params.size());
        }
        List<Finding> findings = Finding.list(q + " order by period, unitCode, raisedAt", params.toArray());
        var items = new java.util.HashMap<String, RectificationItem>();
        List<String> ids = findings.stream().map(f -> f.findingId).toList();
        if (!ids.isEmpty()) {
            RectificationItem.<RectificationItem>list("findingId in ?1", ids).forEach(i -> items.put(i.findingId, i));
        }
        return findings.stream().map(f -> FindingView.of(f, items.get(f.findingId))).toList();
    }

    public List<RectificationState> items(String unitCode, RectificationItem.Status status) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (unitCode != null) {
            params.add(unitCode);
            q.append(" and unitCode = ?").append(params.size());
        }
        if (status != null) {
            params.add(status);
            q.append(" and status = ?").append(params.size());
        }
        return RectificationItem.<RectificationItem>list(q + " order by deadline, itemId", params.toArray()).stream()
                .map(RectificationState::of).toList();
    }

    public RectificationState item(String itemId) {
        return item(itemId, unitCode -> true);
    }

    /** An item of a unit {@code visible} accepts; another unit's is unknown (404). */
    public RectificationState item(String itemId, java.util.function.Predicate<String> visible) {
        RectificationItem item = RectificationItem.findById(itemId);
        if (item == null || !visible.test(item.unitCode)) {
            throw ProblemException.notFound("itemId", "未知整改事项: " + itemId);
        }
        return RectificationState.of(item);
    }
}
