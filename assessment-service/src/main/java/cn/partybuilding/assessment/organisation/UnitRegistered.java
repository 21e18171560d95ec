package cn.partybuilding.assessment.organisation;

@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
/** Payload of {@code unit.registered} (AsyncAPI schema Unit); also the REST body of a unit. */
public record UnitRegistered(String unitCode, String name, String category) {
    static UnitRegistered of(Unit unit) {
        return new UnitRegistered(unit.unitCode, unit.name, unit.category);
    }
}
