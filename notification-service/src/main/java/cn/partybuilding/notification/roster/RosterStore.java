package cn.partybuilding.notification.roster;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.notification.notice.RecipientKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps the roster from party.organisation.v1 and answers "who holds this role in that unit". */
@ApplicationScoped
public class RosterStore {
    // MERGE (PostgreSQL 15+): insert or replace the whole row. The source values are cast to unbounded varchar on
    // purpose: a cast to the column's length would silently truncate a value that is too long; this way the column
    // refuses it and the platform dead-letters that one event ("refused by the database: ...").
    private static final String MERGE_MEMBER = "merge into roster_member t using (select cast(? as varchar) as member_id, "
            + "cast(? as varchar) as unit_code, cast(? as varchar) as organization_id, cast(? as varchar) as name, "
            + "cast(? as varchar) as role, cast(? as varchar) as email, cast(? as boolean) as active, cast(? as integer) as revision) s "
            // the newest revision wins whatever order the events arrive in (issue 13.14); an equal one: the later event
            + "on t.member_id = s.member_id when matched and t.revision <= s.revision then update set unit_code = s.unit_code, "
            + "organization_id = s.organization_id, name = s.name, role = s.role, email = s.email, active = s.active, revision = s.revision "
            + "when not matched then insert (member_id, unit_code, organization_id, name, role, email, active, revision) "
            + "values (s.member_id, s.unit_code, s.organization_id, s.name, s.role, s.email, s.active, s.revision)";
    private static final String MERGE_ORGANIZATION = "merge into roster_organization t using (select cast(? as varchar) as organization_id, "
            + "cast(? as varchar) as unit_code, cast(? as varchar) as parent_id, cast(? as varchar) as kind, "
            + "cast(? as varchar) as name) s on t.organization_id = s.organization_id when matched then update set "
            + "unit_code = s.unit_code, parent_id = s.parent_id, kind = s.kind, name = s.name when not matched then insert "
            + "(organization_id, unit_code, parent_id, kind, name) values (s.organization_id, s.unit_code, s.parent_id, s.kind, s.name)";

    @Inject
    EntityManager em;

    /**
     * Applies a batch's roster events set-based: one JDBC batch of MERGEs per table instead of a lookup, an insert or an
     * update per event (a roster import brings tens of thousands at once). Full state per event: of a member, the event
     * with the highest revision wins, in the batch and against the table (an equal one: the later event, as it would
     * applied one by one), so an older event read later never undoes a newer one. Call {@link #check} on each event first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<RosterViews.Member> members, List<RosterViews.Organization> organizations) {
        Map<String, RosterViews.Member> lastMember = new LinkedHashMap<>();
        members.forEach(m -> lastMember.merge(m.memberId(), m, (old, now) -> now.revisionOrZero() >= old.revisionOrZero() ? now : old));
        Map<String, RosterViews.Organization> lastOrganization = new LinkedHashMap<>();
        organizations.forEach(o -> lastOrganization.put(o.organizationId(), o));
        if (lastMember.isEmpty() && lastOrganization.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(MERGE_MEMBER)) {
                for (RosterViews.Member m : lastMember.values()) {
                    merge.setString(1, m.memberId());
                    merge.setString(2, m.unitCode());
                    merge.setString(3, m.organizationId());
                    merge.setString(4, m.name());
                    merge.setString(5, m.role());
                    merge.setString(6, blank(m.email()) ? null : m.email().trim());
                    merge.setBoolean(7, m.active() == null || m.active());
                    merge.setInt(8, m.revisionOrZero());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            try (PreparedStatement merge = connection.prepareStatement(MERGE_ORGANIZATION)) {
                for (RosterViews.Organization o : lastOrganization.values()) {
                    merge.setString(1, o.organizationId());
                    merge.setString(2, o.unitCode());
                    merge.setString(3, o.parentId());
                    merge.setString(4, o.kind());
                    merge.setString(5, o.name());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
        });
    }

    /** The fields a roster row cannot do without; an event lacking them is rejected (dead-lettered). */
    public static void check(RosterViews.Member m) {
        if (blank(m.memberId()) || blank(m.unitCode()) || blank(m.role())) {
            throw new InvalidEventException("member needs memberId, unitCode and role");
        }
        if (m.revision() != null && m.revision() < 0) {
            throw new InvalidEventException("member revision must not be negative, was " + m.revision());
        }
    }

    public static void check(RosterViews.Organization o) {
        if (blank(o.organizationId()) || blank(o.unitCode())) {
            throw new InvalidEventException("party organisation needs organizationId and unitCode");
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
