package cn.partybuilding.assessment.organisation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@code unit.registered} (AsyncAPI schema Unit), built from the stored {@link Unit}. Never a REST body
 * ({@link UnitView} is): a field added to the API must not change the published contract.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitRegistered(String unitCode, String name, String category) {
    public static UnitRegistered of(Unit unit) {
        return new UnitRegistered(unit.unitCode, unit.name, unit.category);
    }
}
