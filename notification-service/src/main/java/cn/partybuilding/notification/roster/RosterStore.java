package cn.partybuilding.notification.roster;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.notification.notice.RecipientKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps the roster from party.organisation.v1 and answers "who holds this role in that unit". */
@ApplicationScoped
public class RosterStore {

    @Transactional(Transactional.TxType.MANDATORY)
    public void member(RosterViews.Member m) {
        if (blank(m.memberId()) || blank(m.unitCode()) || blank(m.role())) {
            throw new InvalidEventException("member needs memberId, unitCode and role");
        }
        RosterMember row = RosterMember.findById(m.memberId());
        if (row == null) {
            row = new RosterMember();
            row.memberId = m.memberId();
            apply(row, m);
            row.persist();
        } else {
            apply(row, m);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void organization(RosterViews.Organization o) {
        if (blank(o.organizationId()) || blank(o.unitCode())) {
            throw new InvalidEventException("party organisation needs organizationId and unitCode");
        }
        RosterOrganization row = RosterOrganization.findById(o.organizationId());
        boolean created = row == null;
        if (created) {
            row = new RosterOrganization();
            row.organizationId = o.organizationId();
        }
        row.unitCode = o.unitCode();
        row.parentId = o.parentId();
        row.kind = o.kind();
        row.name = o.name();
        if (created) {
            row.persist();
        }
    }

    /** Who holds {@code kind} in {@code unitCode} for a notice about {@code concernedMemberId}. */
    public Optional<Roster.Person> holder(RecipientKind kind, String unitCode, String concernedMemberId) {
        if (unitCode == null) {
            return Optional.empty();
        }
        List<Roster.Person> members = RosterMember.activeOfUnit(unitCode).stream()
                .map(m -> new Roster.Person(m.memberId, m.unitCode, m.organizationId, m.name, m.role, m.email)).toList();
        Map<String, String> parents = new HashMap<>();
        RosterOrganization.<RosterOrganization>list("unitCode", unitCode).forEach(o -> parents.put(o.organizationId, o.parentId));
        return new Roster(members, parents).holder(kind, concernedMemberId);
    }

    private static void apply(RosterMember row, RosterViews.Member m) {
        row.unitCode = m.unitCode();
        row.organizationId = m.organizationId();
        row.name = m.name();
        row.role = m.role();
        row.email = blank(m.email()) ? null : m.email().trim();
        row.active = m.active() == null || m.active();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
