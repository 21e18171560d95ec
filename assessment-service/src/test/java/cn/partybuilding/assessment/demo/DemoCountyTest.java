package cn.partybuilding.assessment.demo;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCountyTest {
    @Test
    void namesAreDeterministicAndVaried() {
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 50; i++) {
            assertEquals(DemoCounty.name(a), DemoCounty.name(b));
        }
        Set<String> names = IntStream.range(0, 200).mapToObj(i -> DemoCounty.name(new Random(i))).collect(Collectors.toSet());
        assertTrue(names.size() > 150, "names " + names.size());
    }

    @Test
    void theCountyHasAtLeast36DistinctUnitsIncludingTheRequiredOnes() {
        Set<String> names = Arrays.stream(DemoCounty.UNITS).map(u -> u[0]).collect(Collectors.toSet());
        assertTrue(names.size() >= 36);
        assertEquals(DemoCounty.UNITS.length, names.size());
        assertTrue(names.containsAll(Set.of("县委办公室", "县纪委监委机关", "县行政审批服务局", "县信访局")));
    }
}
