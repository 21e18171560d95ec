package cn.partybuilding.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageCyclesTest {
    @Test
    void theSearchFindsLongAndShortCyclesOnly() {
        assertEquals(List.of("a", "b", "c", "a"), PackageCycles.cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))));
        assertEquals(List.of("b", "c", "b"), PackageCycles.cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("b"))));
        assertEquals(List.of(), PackageCycles.cycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of())));
    }

    @Test
    void aCycleInSourcesFailsWithTheFilesBehindIt() throws Exception {
        Path main = Files.createTempDirectory("cycles");
        write(main, "x/app/a/A.java", "package x.app.a;\nimport x.app.b.B;\nclass A {}\n");
        write(main, "x/app/b/B.java", "package x.app.b;\nclass B { x.app.a.A a; }\n");
        AssertionError error = assertThrows(AssertionError.class, () -> PackageCycles.of(main, "x.app").assertNoCycle("a", "b"));
        assertTrue(error.getMessage().contains("a -> b  (A.java)") && error.getMessage().contains("b -> a  (B.java)"), error.getMessage());

        write(main, "x/app/b/B.java", "package x.app.b;\nclass B {}\n");
        PackageCycles.of(main, "x.app").assertNoCycle("a", "b");
        assertThrows(AssertionError.class, () -> PackageCycles.of(main, "x.app").assertNoCycle("b", "a"), "a scan that misses a known arrow fails");
    }

    private static void write(Path root, String file, String text) throws Exception {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
