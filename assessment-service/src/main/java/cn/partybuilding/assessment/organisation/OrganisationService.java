package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Units, party organisations and members; every change publishes its event on {@link Topics#ORGANISATION}. */
@ApplicationScoped
public class OrganisationService {
    @Inject
    EventPublisher events;

    @Inject
    EntityManager em;

    @Inject
    java.time.Clock clock;

    @Inject
    AuditTrail audit;

    @Transactional
    public UnitView registerUnit(UnitView in) {
        OrganisationRules.unit(in).throwIfAny("单位信息不完整或无效");
        if (Unit.findById(in.unitCode()) != null) {
            throw ProblemException.conflict("unitCode", "单位编码已存在: " + in.unitCode());
        }
        Unit unit = new Unit();
        unit.unitCode = in.unitCode();
        unit.name = in.name().trim();
        unit.category = in.category();
        unit.persist();
        UnitView out = publishUnit(unit);
        audit.accepted("unit", unit.unitCode, null, out);
        return out;
    }

    @Transactional
    public UnitView updateUnit(String unitCode, UnitView in) {
        Unit unit = requireUnitInPath(unitCode);
        OrganisationRules.unit(new UnitView(unitCode, in.name(), in.category())).throwIfAny("单位信息不完整或无效");
        UnitView before = UnitView.of(unit);
        unit.name = in.name().trim();
        unit.category = in.category();
        UnitView out = publishUnit(unit);
        audit.accepted("unit", unitCode, before, out);
        return out;
    }

    private UnitView publishUnit(Unit unit) {
        events.publish(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, unit.unitCode, UnitRegistered.of(unit));
        return UnitView.of(unit);
    }

    public Unit requireUnitInPath(String unitCode) {
        Unit unit = Unit.findById(unitCode);
        if (unit == null) {
            throw ProblemException.notFound("unitCode", "未知单位: " + unitCode);
        }
        return unit;
    }

    /** The unit named in a request body, or a 400 naming {@code field}. */
    public Unit requireUnit(String field, String unitCode) {
        if (unitCode == null || unitCode.isBlank()) {
            throw ProblemException.invalid(field, "必填");
        }
        Unit unit = Unit.findById(unitCode);
        if (unit == null) {
            throw ProblemException.invalid(field, "未知单位: " + unitCode);
        }
        return unit;
    }

    /** Same, with a row lock: serialises per-unit read-check-write sequences (bonus cap). */
    public Unit lockUnit(String field, String unitCode) {
        requireUnit(field, unitCode);
        return em.find(Unit.class, unitCode, LockModeType.PESSIMISTIC_WRITE);
    }

    public Member requireMember(String field, String memberId) {
        if (memberId == null || memberId.isBlank()) {
            throw ProblemException.invalid(field, "必填");
        }
        Member member = Member.findById(memberId);
        if (member == null) {
            throw ProblemException.invalid(field, "未知党员: " + memberId);
        }
        return member;
    }

    /** Members by id, one query per 500 ids (no lookups per row). */
    public Map<String, Member> membersById(Collection<String> ids) {
        return membersById(ids, LockModeType.NONE);
    }

    /** Members by id with a row lock each (a roster import's changes, each a new revision of the member). */
    Map<String, Member> lockMembers(Collection<String> ids) {
        return membersById(ids, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Map<String, Member> membersById(Collection<String> ids, LockModeType lock) {
        Map<String, Member> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            Member.<Member>find("memberId in ?1", chunk).withLock(lock).<Member>list().forEach(m -> found.put(m.memberId, m));
        }
        return found;
    }

    public List<Unit> units() {
        return Unit.listAll(io.quarkus.panache.common.Sort.by("unitCode"));
    }

    @Transactional
    public OrganizationView registerOrganization(OrganizationView in) {
        OrganisationRules.organization(in).throwIfAny("党组织信息不完整或无效");
        Unit unit = requireUnit("unitCode", in.unitCode());
        PartyOrganization.Kind parentKind = null;
        if (in.parentId() != null) {
            PartyOrganization parent = PartyOrganization.findById(in.parentId());
            if (parent == null) {
                throw ProblemException.invalid("parentId", "未知上级党组织: " + in.parentId());
            }
            if (!parent.unitCode.equals(unit.unitCode)) {
                throw ProblemException.invalid("parentId", "上级党组织属于其他单位: " + parent.unitCode);
            }
            parentKind = parent.kind;
        }
        String treeProblem = OrganisationRules.parentProblem(in.kind(), parentKind);
        if (treeProblem != null) {
            throw ProblemException.invalid("parentId", treeProblem);
        }
        String id = in.organizationId() != null ? in.organizationId() : unit.unitCode + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (PartyOrganization.findById(id) != null) {
            throw ProblemException.conflict("organizationId", "党组织编号已存在: " + id);
        }
        PartyOrganization org = new PartyOrganization();
        org.organizationId = id;
        org.unitCode = unit.unitCode;
        org.parentId = in.parentId();
        org.kind = in.kind();
        org.name = in.name().trim();
        org.persist();
        events.publish(Topics.ORGANISATION, EventTypes.ORGANIZATION_REGISTERED, unit.unitCode, OrganizationRegistered.of(org));
        OrganizationView out = OrganizationView.of(org);
        audit.accepted("organization", org.organizationId, null, out);
        return out;
    }

    public List<PartyOrganization> organizations(String unitCode) {
        return PartyOrganization.list("unitCode = ?1 order by organizationId", unitCode);
    }

    @Transactional
    public MemberState registerMember(MemberState in) {
        MemberState normalised = withDefaults(in);
        OrganisationRules.member(normalised).throwIfAny("党员信息不完整或无效");
        Unit unit = requireUnit("unitCode", normalised.unitCode());
        checkOrganization(normalised, unit);
        if (Member.findById(normalised.memberId()) != null) {
            throw ProblemException.conflict("memberId", "党员编号已存在: " + normalised.memberId());
        }
        Member member = new Member();
        member.memberId = normalised.memberId();
        change(member, normalised, today());
        member.persist();
        events.publish(Topics.ORGANISATION, EventTypes.MEMBER_REGISTERED, member.unitCode, MemberChanged.of(member));
        MemberState out = MemberState.of(member);
        audit.accepted("member", member.memberId, null, out);
        return out;
    }

    @Transactional
    public MemberState updateMember(String memberId, MemberState in) {
        // locked: the revision is read, incremented and published; two concurrent changes must not both get the same one
        Member member = em.find(Member.class, memberId, LockModeType.PESSIMISTIC_WRITE);
        if (member == null) {
            throw ProblemException.notFound("memberId", "未知党员: " + memberId);
        }
        MemberState normalised = withDefaults(new MemberState(memberId, in.unitCode(), in.organizationId(), in.name(),
                in.rank(), in.role(), in.email(), in.active(), in.effectiveFrom(), null));
        OrganisationRules.member(normalised).throwIfAny("党员信息不完整或无效");
        Unit unit = requireUnit("unitCode", normalised.unitCode());
        checkOrganization(normalised, unit);
        MemberState before = MemberState.of(member);
        if (normalised.sameAs(member)) {
            // accepted, nothing changed: the trail still shows the request was made and allowed
            audit.accepted("member", memberId, before, before);
            return before;
        }
        change(member, normalised, today());
        events.publish(Topics.ORGANISATION, EventTypes.MEMBER_UPDATED, member.unitCode, MemberChanged.of(member));
        MemberState out = MemberState.of(member);
        audit.accepted("member", memberId, before, out);
        return out;
    }

    private void checkOrganization(MemberState in, Unit unit) {
        if (in.organizationId() == null) {
            return;
        }
        PartyOrganization org = PartyOrganization.findById(in.organizationId());
        if (org == null) {
            throw ProblemException.invalid("organizationId", "未知党组织: " + in.organizationId());
        }
        if (!org.unitCode.equals(unit.unitCode)) {
            throw ProblemException.invalid("organizationId", "党组织不属于单位 " + unit.unitCode);
        }
    }

    static MemberState withDefaults(MemberState in) {
        String email = in.email() == null || in.email().isBlank() ? null : in.email().trim();
        String org = in.organizationId() == null || in.organizationId().isBlank() ? null : in.organizationId().trim();
        return new MemberState(in.memberId(), in.unitCode(), org, in.name() == null ? null : in.name().trim(),
                in.rank(), in.role(), email, in.active() == null ? Boolean.TRUE : in.active(), in.effectiveFrom(), null);
    }

    /** Today in the county's zone (the platform clock): the default effective date of a change. */
    LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Applies a change of the member's facts as a new revision taking effect on {@code in.effectiveFrom()} (default
     * {@code today}); a 400 naming effectiveFrom when the date breaks {@link OrganisationRules#effectiveFromProblem}.
     */
    static void change(Member member, MemberState in, LocalDate today) {
        LocalDate effective = in.effectiveFrom() != null ? in.effectiveFrom() : today;
        String problem = OrganisationRules.effectiveFromProblem(effective, today, member.effectiveFrom);
        if (problem != null) {
            throw ProblemException.invalid("生效日期无效：" + problem + "，未作任何修改", "effectiveFrom", problem);
        }
        apply(member, in);
        member.effectiveFrom = effective;
        member.revision++;
    }

    static void apply(Member member, MemberState in) {
        member.unitCode = in.unitCode();
        member.organizationId = in.organizationId();
        member.name = in.name();
        member.rank = in.rank();
        member.role = in.role();
        member.email = in.email();
        member.active = in.active();
    }

    /** Publishes a batch of member events in one outbox batch (CSV import). */
    void publishMembers(List<CloudEvent> batch) {
        events.publishAll(Topics.ORGANISATION, batch);
    }

    CloudEvent memberEvent(String type, Member member) {
        return events.event(type, member.unitCode, MemberChanged.of(member));
    }
}
