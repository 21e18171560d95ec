package cn.partybuilding.assessment.organisation;

/** A party organisation as the REST API takes (organizationId optional) and returns it. */
public record OrganizationView(String organizationId, String unitCode, String parentId, PartyOrganization.Kind kind, String name) {
    static OrganizationView of(PartyOrganization o) {
        return new OrganizationView(o.organizationId, o.unitCode, o.parentId, o.kind, o.name);
    }
}
