package cn.partybuilding.notification.roster;

/** What this service reads of the roster events (AsyncAPI Member, PartyOrganization). */
public final class RosterViews {
    private RosterViews() {
    }

    /** {@code revision}: the member's revision (null in events from before it existed: 0). */
    public record Member(String memberId, String unitCode, String organizationId, String name, String role, String email, Boolean active,
                         Integer revision) {
        public int revisionOrZero() {
            return revision == null ? 0 : revision;
        }
    }

    public record Organization(String organizationId, String unitCode, String parentId, String kind, String name) {
    }
}
