package cn.partybuilding.assessment.rectification;

import cn.partybuilding.assessment.common.EqualityFilter;
import cn.partybuilding.assessment.common.AssessmentConfig;
import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.TraceContext;
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
import cn.partybuilding.eventing.time.WorkingCalendar;
import com.fasterxml.jackson.annotation.JsonAlias;
import io.opentelemetry.context.Scope;
import java.util.function.Predicate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Findings become deductions and rectification items; items are closed out (销号) in two steps — the unit submits
 * evidence, the committee confirms or returns it — or turn OVERDUE; the 整改提醒 comes N working days before the deadline.
 */
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

    @Inject
    WorkingCalendar calendar;

    public record FindingRequest(String unitCode, String period, BigDecimal deductionPoints, String source, String description,
                                 LocalDate deadline) {
    }

    /** Close-out evidence; {@code completedOn} (整改完成日期, default today) was {@code closedOn} before 销号 took two steps. */
    public record SubmitRequest(String evidence, @JsonAlias("closedOn") LocalDate completedOn) {
    }

    public record ReturnRequest(String reason) {
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
        item.traceparent = TraceContext.current();
        item.persist();
        events.publish(Topics.ASSESSMENT, EventTypes.FINDING_RAISED, finding.unitCode, FindingRaised.of(finding, item));
        if (item.status == RectificationItem.Status.OVERDUE) {
            item.overdueOn = today;
            events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_OVERDUE, item.unitCode, changed(item));
        }
        FindingView out = FindingView.of(finding, item);
        audit.accepted("finding", finding.findingId, null, out);
        return out;
    }

    /**
     * The unit submits close-out evidence (申请销号) for an OPEN or OVERDUE item of a unit {@code visible} accepts (another
     * unit's item is unknown, 404): the item waits for the committee (SUBMITTED) and {@code rectification.submitted} is
     * published. Not yet 销号: only {@link #confirm} closes it.
     */
    @Transactional
    public RectificationState submit(String itemId, SubmitRequest in, Predicate<String> visible, String actor) {
        RectificationItem item = lockVisible(itemId, visible);
        Checks checks = new Checks();
        checks.text("evidence", in.evidence(), 2000);
        checks.throwIfAny("销号须提供整改佐证材料");
        LocalDate today = LocalDate.now(clock);
        LocalDate completedOn = in.completedOn() != null ? in.completedOn() : today;
        String problem = RectificationRules.submitProblem(item.status, completedOn, today);
        if (problem != null) {
            throw item.status == RectificationItem.Status.CLOSED || item.status == RectificationItem.Status.SUBMITTED
                    ? ProblemException.conflict("itemId", problem) : ProblemException.invalid("completedOn", problem);
        }
        RectificationState before = RectificationState.of(item);
        item.status = RectificationItem.Status.SUBMITTED;
        item.submittedOn = completedOn;
        item.submittedBy = actor;
        item.evidence = in.evidence().trim();
        events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_SUBMITTED, item.unitCode, changed(item));
        RectificationState out = RectificationState.of(item);
        audit.accepted("rectification-item", itemId, before, out);
        return out;
    }

    /** The committee confirms a SUBMITTED item's evidence: 销号 (CLOSED, closed on today), {@code rectification.closed}. */
    @Transactional
    public RectificationState confirm(String itemId, String actor) {
        RectificationItem item = lockVisible(itemId, unit -> true);
        String problem = RectificationRules.reviewProblem(item.status);
        if (problem != null) {
            throw ProblemException.conflict("itemId", problem);
        }
        RectificationState before = RectificationState.of(item);
        item.status = RectificationItem.Status.CLOSED;
        item.closedOn = LocalDate.now(clock);
        item.confirmedBy = actor;
        item.returnReason = null;
        events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_CLOSED, item.unitCode, changed(item));
        RectificationState out = RectificationState.of(item);
        audit.accepted("rectification-item", itemId, before, out);
        return out;
    }

    /**
     * The committee returns a SUBMITTED item's evidence with a reason (退回): back to OPEN, or OVERDUE when the deadline
     * has passed; {@code rectification.returned}, and {@code rectification.overdue} the first time the item is overdue.
     */
    @Transactional
    public RectificationState returnSubmission(String itemId, ReturnRequest in, String actor) {
        RectificationItem item = lockVisible(itemId, unit -> true);
        Checks checks = new Checks();
        checks.text("reason", in.reason(), 1000);
        checks.throwIfAny("退回须说明理由");
        String problem = RectificationRules.reviewProblem(item.status);
        if (problem != null) {
            throw ProblemException.conflict("itemId", problem);
        }
        LocalDate today = LocalDate.now(clock);
        RectificationState before = RectificationState.of(item);
        item.status = RectificationRules.afterReturn(item.deadline, today);
        item.returnReason = in.reason().trim();
        item.returnedBy = actor;
        events.publish(Topics.ASSESSMENT, EventTypes.RECTIFICATION_RETURNED, item.unitCode, changed(item));
        if (item.status == RectificationItem.Status.OVERDUE && item.overdueOn == null) {
            item.overdueOn = today;
            // the 逾期通报 follows the finding, not this return: under the trace of the request that raised it, like the job's
            events.publishAll(Topics.ASSESSMENT, List.of(underFindingTrace(item, EventTypes.RECTIFICATION_OVERDUE, changed(item))));
        }
        RectificationState out = RectificationState.of(item);
        audit.accepted("rectification-item", itemId, before, out);
        return out;
    }

    /**
     * An event about the item under the trace of the request that raised its finding (issue 17.4), whoever announces it
     * (the status job, or the committee returning the evidence past the deadline): the 整改提醒 and 逾期通报 it causes can be
     * followed to the finding. An item without a stored trace (opened before V16) keeps the current one.
     */
    private CloudEvent underFindingTrace(RectificationItem item, String type, RectificationChanged payload) {
        try (Scope ignored = TraceContext.resume(item.traceparent)) {
            return events.event(type, item.unitCode, payload);
        }
    }

    /** The event payload of an item, citing its finding's source. */
    private static RectificationChanged changed(RectificationItem item) {
        return RectificationChanged.of(item, RectificationChanged.source(item), null);
    }

    private RectificationItem lockVisible(String itemId, Predicate<String> visible) {
        RectificationItem item = em.find(RectificationItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || !visible.test(item.unitCode)) {
            throw ProblemException.notFound("itemId", "未知整改事项: " + itemId);
        }
        return item;
    }

    /**
     * Announces the 整改提醒 of every OPEN item whose deadline is {@code remind-working-days} working days away or nearer
     * (and not past), once per item ({@code reminded_on}): {@code rectification.due-soon}, under the trace of the request
     * that raised the item's finding (not the job's), so its notice can be followed to the finding. Returns how many.
     */
    @Transactional
    public int remindDue(LocalDate today) {
        int workingDays = config.rectification().remindWorkingDays();
        // N working days are at most N + 14 calendar days (the longest holiday is 9 days with its weekends)
        List<RectificationItem> open = RectificationItem.<RectificationItem>find(
                "status = ?1 and remindedOn is null and deadline >= ?2 and deadline <= ?3 order by unitCode, deadline",
                RectificationItem.Status.OPEN, today, today.plusDays(workingDays + 14L)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<CloudEvent> batch = new ArrayList<>();
        for (RectificationItem item : open) {
            LocalDate remindFrom = calendar.minusWorkingDays(item.deadline, workingDays);
            if (RectificationRules.reminderDue(item.status, item.remindedOn, remindFrom, item.deadline, today)) {
                item.remindedOn = today;
                batch.add(underFindingTrace(item, EventTypes.RECTIFICATION_DUE_SOON,
                        RectificationChanged.of(item, RectificationChanged.source(item), workingDays)));
            }
        }
        events.publishAll(Topics.ASSESSMENT, batch);
        return batch.size();
    }

    /**
     * Turns every OPEN item past its deadline on {@code today} OVERDUE, one event each under the trace of the request that
     * raised the item's finding. Returns how many changed.
     */
    @Transactional
    public int refreshStatuses(LocalDate today) {
        List<RectificationItem> due = RectificationItem.<RectificationItem>find("status = ?1 and deadline < ?2 order by unitCode, deadline",
                RectificationItem.Status.OPEN, today).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<CloudEvent> batch = new ArrayList<>();
        for (RectificationItem item : due) {
            RectificationItem.Status next = RectificationRules.statusOn(item.status, item.deadline, today);
            if (next != item.status) {
                item.status = next;
                if (item.overdueOn != null) {
                    continue;   // overdue before, submitted and returned in time, overdue again: announced once
                }
                item.overdueOn = today;
                batch.add(underFindingTrace(item, EventTypes.RECTIFICATION_OVERDUE, changed(item)));
            }
        }
        events.publishAll(Topics.ASSESSMENT, batch);
        return batch.size();
    }

    public List<FindingView> findings(String unitCode, String period) {
        EqualityFilter filter = new EqualityFilter().and("unitCode", unitCode).and("period", period);
        List<Finding> findings = Finding.list(filter.query("order by period, unitCode, raisedAt"), filter.params());
        var items = new java.util.HashMap<String, RectificationItem>();
        List<String> ids = findings.stream().map(f -> f.findingId).toList();
        if (!ids.isEmpty()) {
            RectificationItem.<RectificationItem>list("findingId in ?1", ids).forEach(i -> items.put(i.findingId, i));
        }
        return findings.stream().map(f -> FindingView.of(f, items.get(f.findingId))).toList();
    }

    public List<RectificationState> items(String unitCode, RectificationItem.Status status) {
        EqualityFilter filter = new EqualityFilter().and("unitCode", unitCode).and("status", status);
        return RectificationItem.<RectificationItem>list(filter.query("order by deadline, itemId"), filter.params()).stream()
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
