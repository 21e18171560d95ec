package cn.partybuilding.assessment.organisation;

/** Payload of {@code party-organization.registered} (AsyncAPI schema PartyOrganization); also the REST body. */
public record OrganizationRegistered(String organizationId, String unitCode, String parentId,
                                     PartyOrganization.Kind kind, String name) {
    static OrganizationRegistered of(PartyOrganization o) {
        return new OrganizationRegistered(o.organizationId, o.unitCode, o.parentId, o.kind, o.name);
    }
}
