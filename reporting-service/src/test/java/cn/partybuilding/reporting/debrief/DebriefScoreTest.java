package cn.partybuilding.reporting.debrief;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debrief score of a unit from its reviewers' scores, figures computed by hand. */
class DebriefScoreTest {
    @Test
    void fourReviewersArePlainlyMeaned() {
        // (95 + 60 + 80 + 70) / 4 = 305 / 4 = 76.25: nothing dropped below five reviewers
        assertEquals(76.25, DebriefScore.of(List.of(95.0, 60.0, 80.0, 70.0)));
        assertFalse(DebriefScore.trimmed(4));
    }

    @Test
    void fiveReviewersDropTheHighestAndTheLowest() {
        // 90, 80, 100, 70, 85: drop 100 and 70 → (90 + 80 + 85) / 3 = 255 / 3 = 85
        assertEquals(85.0, DebriefScore.of(List.of(90.0, 80.0, 100.0, 70.0, 85.0)));
        assertTrue(DebriefScore.trimmed(5));
    }

    @Test
    void sixReviewersDropOneHighestAndOneLowestEvenWhenTied() {
        // 88, 88, 92, 75, 75, 81: drop one 92 and one 75 → (88 + 88 + 75 + 81) / 4 = 332 / 4 = 83
        assertEquals(83.0, DebriefScore.of(List.of(88.0, 88.0, 92.0, 75.0, 75.0, 81.0)));
    }

    @Test
    void theMeanIsRoundedHalfUpToTwoDecimals() {
        // (80 + 85 + 86) / 3 = 83.666… → 83.67; (90.5 + 90) / 2 = 90.25; (70.01 + 70.02) / 2 = 70.015 → 70.02
        assertEquals(83.67, DebriefScore.of(List.of(80.0, 85.0, 86.0)));
        assertEquals(90.25, DebriefScore.of(List.of(90.5, 90.0)));
        assertEquals(70.02, DebriefScore.of(List.of(70.01, 70.02)));
    }

    @Test
    void oneReviewerIsTheScoreAndNobodyIsNoScore() {
        assertEquals(88.0, DebriefScore.of(List.of(88.0)));
        assertNull(DebriefScore.of(List.of()));
    }
}
