package cn.partybuilding.assessment.indicator;

import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.assessment.demo.DemoCounty;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Definition;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Dimension;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Indicator;
import cn.partybuilding.assessment.indicator.IndicatorSystem.Kind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndicatorSystemRulesTest {
    private static Definition withDimensions(List<Dimension> dimensions) {
        Definition base = DemoCounty.system2026();
        return new Definition(base.bonusCap(), base.examPassScore(), dimensions, base.studyPlan());
    }

    private static List<String> fields(Definition d) {
        return IndicatorSystemRules.validate(d).violations().stream().map(Violation::field).toList();
    }

    @Test
    void theDemoSystemIsValid() {
        assertEquals(List.of(), IndicatorSystemRules.validate(DemoCounty.system2026()).violations());
    }

    @Test
    void weightsMustSumTo100() {
        List<Dimension> dimensions = new ArrayList<>(DemoCounty.system2026().dimensions());
        Dimension first = dimensions.get(0);
        dimensions.set(0, new Dimension(first.code(), first.name(), new BigDecimal("30"), first.indicators()));
        List<Violation> violations = IndicatorSystemRules.validate(withDimensions(dimensions)).violations();
        assertEquals(List.of(new Violation("dimensions[].weight", "各一级指标权重之和应为 100，实际为 105")), violations);
    }

    @Test
    void indicatorsOfADimensionMustSumTo100AndCodesBeUnique() {
        List<Dimension> dimensions = new ArrayList<>(DemoCounty.system2026().dimensions());
        Dimension conduct = dimensions.get(3);
        dimensions.set(3, new Dimension(conduct.code(), conduct.name(), conduct.weight(), List.of(conduct.indicators().get(0),
                new Indicator("POL-1", "重复编码", new BigDecimal("40"), Kind.MANUAL, null, null))));
        List<String> fields = fields(withDimensions(dimensions));
        assertTrue(fields.contains("dimensions[3].indicators[].maxPoints"), fields.toString());
        assertTrue(fields.contains("dimensions[3].indicators[1].code"), fields.toString());
    }

    @Test
    void kindSettingsAreRequired() {
        List<Dimension> dimensions = new ArrayList<>(DemoCounty.system2026().dimensions());
        Dimension ideological = dimensions.get(1);
        dimensions.set(1, new Dimension(ideological.code(), ideological.name(), ideological.weight(), List.of(
                new Indicator("IDE-1", "完成率", new BigDecimal("50"), Kind.STUDY_RATE, List.of(), null),
                new Indicator("IDE-2", "通过率", new BigDecimal("30"), Kind.EXAM_PASS_RATE, null, null),
                new Indicator("IDE-3", "积分", new BigDecimal("20"), Kind.PLATFORM_POINTS, null, null))));
        assertEquals(List.of("dimensions[1].indicators[0].activityTypes", "dimensions[1].indicators[2].platformPointsTarget"),
                fields(withDimensions(dimensions)));
    }

    @Test
    void moreThanTwoDecimalsAndMissingBonusCapAreNamed() {
        Definition base = DemoCounty.system2026();
        assertEquals(List.of("bonusCap"), fields(new Definition(null, base.examPassScore(), base.dimensions(), base.studyPlan())));
        assertEquals(List.of("examPassScore"), fields(new Definition(base.bonusCap(), new BigDecimal("60.125"), base.dimensions(), base.studyPlan())));
    }

    @Test
    void normalisedSystemsCompareEqualWhateverTheScale() {
        Definition a = IndicatorSystemRules.normalised(DemoCounty.system2026());
        Definition base = DemoCounty.system2026();
        Definition b = IndicatorSystemRules.normalised(new Definition(new BigDecimal("5.0"), new BigDecimal("60.00"), base.dimensions(), base.studyPlan()));
        assertEquals(a, b);
    }
}
