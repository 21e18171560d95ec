package cn.partybuilding.notification.roster;

/** What this service reads of the roster events (AsyncAPI Member, PartyOrganization). */
public final class RosterViews {
    private RosterViews() {
    }

    public record Member(String memberId, String unitCode, String organizationId, String name, String role, String email, Boolean active) {
    }

    public record Organization(String organizationId, String unitCode, String parentId, String kind, String name) {
    }
}
