package cn.partybuilding.assessment.responsibility;

import cn.partybuilding.assessment.common.EqualityFilter;
import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.organisation.PartyOrganization;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.DutyKind;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.Level;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem.Status;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * 责任清单: a unit's items per year and level, kept by its secretary (or the committee), checked off with evidence,
 * reopened by the committee. Every accepted change publishes the item's whole state on party.assessment.v1 (key: the
 * unit) and is audited. A change that would alter a locked month's figure (the due date's month, the done date's month)
 * is refused with 409, as every other write of a locked month is.
 */
@ApplicationScoped
public class ResponsibilityService {
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
    AuditTrail audit;

    public record NewItem(String unitCode, Integer year, Level level, String organizationId, DutyKind dutyKind,
                          String responsibleMemberId, String content, LocalDate dueDate) {
    }

    public record ItemChange(DutyKind dutyKind, String responsibleMemberId, String content, LocalDate dueDate) {
    }

    public record CheckOff(String evidence, LocalDate doneOn) {
    }

    public record Reopen(String reason) {
    }

    /** Adds an item to the list of a unit {@code visible} accepts (another unit is unknown, 400 like a missing one). */
    @Transactional
    public ResponsibilityItemView add(NewItem in, Predicate<String> visible) {
        Checks checks = new Checks();
        checks.required("unitCode", in.unitCode());
        ResponsibilityRules.checkNew(checks, in.year(), in.level(), in.organizationId(), in.dutyKind(), in.responsibleMemberId(),
                in.content(), in.dueDate());
        checks.throwIfAny("责任清单事项信息不完整或无效");
        if (!visible.test(in.unitCode())) {
            throw ProblemException.invalid("unitCode", "未知单位: " + in.unitCode());
        }
        organisation.requireUnit("unitCode", in.unitCode());
        if (in.organizationId() != null) {
            requireOrganization(in.unitCode(), in.level(), in.organizationId());
        }
        Member member = requireMemberOf(in.unitCode(), in.responsibleMemberId());
        periods.requireOpen("dueDate", YearMonth.from(in.dueDate()).toString());
        ResponsibilityItem item = new ResponsibilityItem();
        item.itemId = UUID.randomUUID().toString();
        item.unitCode = in.unitCode();
        item.year = in.year();
        item.level = in.level();
        item.organizationId = in.organizationId();
        item.dutyKind = in.dutyKind();
        item.responsibleMemberId = member.memberId;
        item.content = in.content().trim();
        item.dueDate = in.dueDate();
        item.status = Status.OPEN;
        item.revision = 1;
        item.createdAt = OffsetDateTime.now(clock);
        item.persist();
        events.publish(Topics.ASSESSMENT, EventTypes.RESPONSIBILITY_ITEM_ADDED, item.unitCode, ResponsibilityItemChanged.of(item));
        ResponsibilityItemView out = ResponsibilityItemView.of(item, member.name);
        audit.accepted("responsibility-item", item.itemId, null, out);
        return out;
    }

    /** Changes an OPEN item's duty, responsible member, content or due date. */
    @Transactional
    public ResponsibilityItemView change(String itemId, ItemChange in, Predicate<String> visible) {
        ResponsibilityItem item = lock(itemId, visible);
        Checks checks = new Checks();
        ResponsibilityRules.checkEditable(checks, item.year, in.dutyKind(), in.responsibleMemberId(), in.content(), in.dueDate());
        checks.throwIfAny("责任清单事项信息不完整或无效");
        if (item.status == Status.DONE) {
            throw ProblemException.conflict("itemId", "已完成的事项不能修改；如需修改请工委先退回");
        }
        Member member = requireMemberOf(item.unitCode, in.responsibleMemberId());
        ResponsibilityItemView before = view(item);
        if (!in.dueDate().equals(item.dueDate)) {
            // moving the due date changes the figures of both months
            periods.requireOpen("dueDate", YearMonth.from(item.dueDate).toString());
            periods.requireOpen("dueDate", YearMonth.from(in.dueDate()).toString());
        }
        item.dutyKind = in.dutyKind();
        item.responsibleMemberId = member.memberId;
        item.content = in.content().trim();
        item.dueDate = in.dueDate();
        item.revision++;
        events.publish(Topics.ASSESSMENT, EventTypes.RESPONSIBILITY_ITEM_CHANGED, item.unitCode, ResponsibilityItemChanged.of(item));
        ResponsibilityItemView out = ResponsibilityItemView.of(item, member.name);
        audit.accepted("responsibility-item", itemId, before, out);
        return out;
    }

    /** Checks an item off (DONE) with evidence; who and when come from the token and the clock. */
    @Transactional
    public ResponsibilityItemView checkOff(String itemId, CheckOff in, String actor, Predicate<String> visible) {
        ResponsibilityItem item = lock(itemId, visible);
        Checks checks = new Checks();
        checks.text("evidence", in.evidence(), 2000);
        checks.throwIfAny("完成责任清单事项须提供佐证材料");
        LocalDate today = LocalDate.now(clock);
        LocalDate doneOn = in.doneOn() != null ? in.doneOn() : today;
        String problem = ResponsibilityRules.checkOffProblem(item.status, item.year, doneOn, today);
        if (problem != null) {
            throw item.status == Status.DONE ? ProblemException.conflict("itemId", problem) : ProblemException.invalid("doneOn", problem);
        }
        periods.requireOpen("doneOn", YearMonth.from(doneOn).toString());
        ResponsibilityItemView before = view(item);
        item.status = Status.DONE;
        item.doneOn = doneOn;
        item.evidence = in.evidence().trim();
        item.checkedBy = actor;
        item.checkedAt = OffsetDateTime.now(clock);
        item.revision++;
        events.publish(Topics.ASSESSMENT, EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF, item.unitCode, ResponsibilityItemChanged.of(item));
        ResponsibilityItemView out = view(item);
        audit.accepted("responsibility-item", itemId, before, out);
        return out;
    }

    /** The committee sends a DONE item back to OPEN (the evidence did not hold); the reason is audited. */
    @Transactional
    public ResponsibilityItemView reopen(String itemId, Reopen in) {
        ResponsibilityItem item = lock(itemId, unit -> true);
        Checks checks = new Checks();
        checks.text("reason", in.reason(), 500);
        checks.throwIfAny("退回须说明理由");
        if (item.status != Status.DONE) {
            throw ProblemException.conflict("itemId", "该事项尚未完成，无需退回");
        }
        periods.requireOpen("itemId", YearMonth.from(item.doneOn).toString());
        ResponsibilityItemView before = view(item);
        item.status = Status.OPEN;
        item.doneOn = null;
        item.evidence = null;
        item.checkedBy = null;
        item.checkedAt = null;
        item.revision++;
        events.publish(Topics.ASSESSMENT, EventTypes.RESPONSIBILITY_ITEM_CHANGED, item.unitCode, ResponsibilityItemChanged.of(item));
        ResponsibilityItemView out = view(item);
        audit.accepted("responsibility-item", itemId, before, Map.of("item", out, "reason", in.reason().trim()));
        return out;
    }

    public List<ResponsibilityItemView> items(String unitCode, Integer year, Level level, Status status) {
        EqualityFilter filter = new EqualityFilter().and("unitCode", unitCode).and("year", year).and("level", level).and("status", status);
        // the unit's (党组) list first, then the 机关党委's, then each branch's: the levels' order, not their names'
        List<ResponsibilityItem> items = new ArrayList<>(ResponsibilityItem.<ResponsibilityItem>list(filter.query(""), filter.params()));
        items.sort(java.util.Comparator.<ResponsibilityItem, String>comparing(i -> i.unitCode).thenComparingInt(i -> i.year)
                .thenComparing(i -> i.level).thenComparing(i -> i.organizationId, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(i -> i.dueDate).thenComparing(i -> i.itemId));
        Map<String, Member> members = organisation.membersById(items.stream().map(i -> i.responsibleMemberId).distinct().toList());
        return items.stream().map(i -> ResponsibilityItemView.of(i, members.containsKey(i.responsibleMemberId)
                ? members.get(i.responsibleMemberId).name : null)).toList();
    }

    public ResponsibilityItemView item(String itemId, Predicate<String> visible) {
        ResponsibilityItem item = ResponsibilityItem.findById(itemId);
        if (item == null || !visible.test(item.unitCode)) {
            throw unknown(itemId);
        }
        return view(item);
    }

    private ResponsibilityItem lock(String itemId, Predicate<String> visible) {
        ResponsibilityItem item = em.find(ResponsibilityItem.class, itemId, LockModeType.PESSIMISTIC_WRITE);
        if (item == null || !visible.test(item.unitCode)) {
            throw unknown(itemId);
        }
        return item;
    }

    private static ProblemException unknown(String itemId) {
        return ProblemException.notFound("itemId", "未知责任清单事项: " + itemId);
    }

    private ResponsibilityItemView view(ResponsibilityItem item) {
        Member member = Member.findById(item.responsibleMemberId);
        return ResponsibilityItemView.of(item, member == null ? null : member.name);
    }

    /** The responsible member: a registered, active member of the unit (400 on the field otherwise). */
    private Member requireMemberOf(String unitCode, String memberId) {
        Member member = organisation.requireMember("responsibleMemberId", memberId);
        if (!unitCode.equals(member.unitCode)) {
            throw ProblemException.invalid("responsibleMemberId", "不是本单位党员: " + memberId);
        }
        if (!member.active) {
            throw ProblemException.invalid("responsibleMemberId", "该党员已不在册: " + memberId);
        }
        return member;
    }

    /** A branch item names a branch (党支部/党总支) of the unit; an ORGANS_COMMITTEE item may name the unit's 机关党委. */
    private void requireOrganization(String unitCode, Level level, String organizationId) {
        PartyOrganization org = PartyOrganization.findById(organizationId);
        if (org == null || !unitCode.equals(org.unitCode)) {
            throw ProblemException.invalid("organizationId", "不是本单位的党组织: " + organizationId);
        }
        boolean fits = level == Level.BRANCH
                ? org.kind == PartyOrganization.Kind.BRANCH || org.kind == PartyOrganization.Kind.GENERAL_BRANCH
                : org.kind == PartyOrganization.Kind.ORGANS_COMMITTEE;
        if (!fits) {
            throw ProblemException.invalid("organizationId", level == Level.BRANCH ? "应为党支部或党总支" : "应为机关党委");
        }
    }
}
