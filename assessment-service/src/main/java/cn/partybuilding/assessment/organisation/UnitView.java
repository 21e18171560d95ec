package cn.partybuilding.assessment.organisation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A unit as the REST API takes and returns it (POST /units, PUT /units/{code}: name and category). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitView(String unitCode, String name, String category) {
    static UnitView of(Unit unit) {
        return new UnitView(unit.unitCode, unit.name, unit.category);
    }
}
