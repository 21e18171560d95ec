package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    public record ImportResult(int rows, int registered, int updated, int unchanged) {
    }

    @Transactional
    public ImportResult importCsv(String csv) {
        MemberCsv.Result result = MemberCsv.read(MemberCsv.lines(csv), this::known);
        if (!result.errors().isEmpty()) {
            throw ProblemException.invalid("名册有 " + result.errors().size() + " 处错误，未导入任何数据", result.errors());
        }
        return store(result.rows());
    }

    private MemberCsv.Known known(MemberCsv.References references) {
        Map<String, MemberState> existing = new HashMap<>();
        Set<String> codes = new HashSet<>(references.codes());
        organisation.membersById(references.memberIds()).forEach((id, m) -> {
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
            Unit.<Unit>list("unitCode in ?1", chunk).forEach(u -> units.add(u.unitCode));
            PartyOrganization.<PartyOrganization>list("organizationId in ?1", chunk).forEach(o -> organizationUnit.put(o.organizationId, o.unitCode));
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
