package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Bulk import of a member roster from CSV, all or nothing. A new memberId registers the member
 * (member.registered); a known one with different facts updates it (member.updated); an identical row changes nothing.
 * Optional columns absent from the file keep a known member's values ({@link MemberCsv}). Each change is a new revision
 * of the member taking effect on the row's effectiveFrom (default: the day of the import).
 */
@ApplicationScoped
public class MemberImportService {
    @Inject
    OrganisationService organisation;

    @Inject
    AuditTrail audit;

    public record ImportResult(int rows, int registered, int updated, int unchanged) {
    }

    @Transactional
    public ImportResult importCsv(String csv) {
        return importCsv(csv, unitCode -> true);
    }

    /**
     * Imports a roster for a caller who may only touch the units {@code visible} accepts (a unit secretary: its own).
     * Another unit's code reads as an unknown unit, exactly like one that does not exist; a row naming a member who
     * belongs to another unit is refused (it would move that member into the caller's unit). One audit record for the
     * whole file (target: the units it names, after: the counts).
     */
    @Transactional
    public ImportResult importCsv(String csv, Predicate<String> visible) {
        Map<String, String> unitOfExisting = new java.util.TreeMap<>();
        MemberCsv.Result result = MemberCsv.read(MemberCsv.lines(csv), references -> known(references, visible, unitOfExisting));
        // first: a member of another unit named in the file (its other errors, e.g. its branch unknown here, follow from it)
        List<Violation> errors = new ArrayList<>();
        unitOfExisting.forEach((memberId, unit) -> {
            if (!visible.test(unit)) {
                errors.add(new Violation("memberId", "党员编号 " + memberId + " 已属于其他单位，不能由本单位名册导入"));
            }
        });
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("名册有 " + errors.size() + " 处错误，未导入任何数据", errors);
        }
        ImportResult out = store(result.rows());
        String units = result.rows().stream().map(MemberState::unitCode).distinct().sorted().collect(Collectors.joining(","));
        audit.accepted("members-import", units, null, out);
        return out;
    }

    private MemberCsv.Known known(MemberCsv.References references, Predicate<String> visible, Map<String, String> unitOfExisting) {
        Map<String, MemberState> existing = new HashMap<>();
        Set<String> codes = new HashSet<>(references.codes());
        organisation.membersById(references.memberIds()).forEach((id, m) -> {
            unitOfExisting.put(id, m.unitCode);
            existing.put(id, MemberState.of(m));
            if (m.organizationId != null) {
                codes.add(m.organizationId); // an absent organizationId column keeps it: check it against the row's unit
            }
        });
        Set<String> units = new HashSet<>();
        List<String> refs = new ArrayList<>(codes);
        Map<String, String> organizationUnit = new HashMap<>();
        for (int from = 0; from < refs.size(); from += 500) {
            List<String> chunk = refs.subList(from, Math.min(refs.size(), from + 500));
            Unit.<Unit>list("unitCode in ?1", chunk).stream().filter(u -> visible.test(u.unitCode)).forEach(u -> units.add(u.unitCode));
            PartyOrganization.<PartyOrganization>list("organizationId in ?1", chunk).stream().filter(o -> visible.test(o.unitCode))
                    .forEach(o -> organizationUnit.put(o.organizationId, o.unitCode));
        }
        return new MemberCsv.Known(units, organizationUnit, existing, organisation.today());
    }

    /** Stores validated rows and publishes their events in one outbox batch. Must run inside a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ImportResult store(List<MemberState> rows) {
        // locked: each change is a new revision of the member (read, incremented, published)
        Map<String, Member> existing = organisation.lockMembers(rows.stream().map(MemberState::memberId).toList());
        java.time.LocalDate today = organisation.today();
        List<CloudEvent> batch = new ArrayList<>();
        int registered = 0;
        int updated = 0;
        for (MemberState row : rows) {
            Member member = existing.get(row.memberId());
            if (member == null) {
                member = new Member();
                member.memberId = row.memberId();
                OrganisationService.change(member, row, today);
                member.persist();
                batch.add(organisation.memberEvent(EventTypes.MEMBER_REGISTERED, member));
                registered++;
            } else if (!row.sameAs(member)) {
                OrganisationService.change(member, row, today);
                batch.add(organisation.memberEvent(EventTypes.MEMBER_UPDATED, member));
                updated++;
            }
        }
        organisation.publishMembers(batch);
        return new ImportResult(rows.size(), registered, updated, rows.size() - registered - updated);
    }
}
