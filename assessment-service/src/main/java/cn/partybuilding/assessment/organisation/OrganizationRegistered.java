package cn.partybuilding.assessment.organisation;

/**
 * Payload of {@code party-organization.registered} (AsyncAPI schema PartyOrganization), built from the stored
 * {@link PartyOrganization}. Never a REST body ({@link OrganizationView} is).
 */
public record OrganizationRegistered(String organizationId, String unitCode, String parentId,
                                     PartyOrganization.Kind kind, String name) {
    public static OrganizationRegistered of(PartyOrganization o) {
        return new OrganizationRegistered(o.organizationId, o.unitCode, o.parentId, o.kind, o.name);
    }
}
