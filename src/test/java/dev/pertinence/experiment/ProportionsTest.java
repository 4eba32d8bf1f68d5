package dev.pertinence.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values: Wilson (1927) via Newcombe (1998) table I and example; chi-square critical values. */
class ProportionsTest {

    @Test
    void wilsonIntervalsMatchNewcombesTable() {
        check(Proportions.wilson(81, 263, Proportions.Z95), 0.2553, 0.3662);
        check(Proportions.wilson(15, 148, Proportions.Z95), 0.0624, 0.1605);
        check(Proportions.wilson(0, 20, Proportions.Z95), 0.0, 0.1611);
        check(Proportions.wilson(1, 29, Proportions.Z95), 0.0061, 0.1718);
        check(Proportions.wilson(29, 29, Proportions.Z95), 0.8830, 1.0);
        assertEquals(0.0, Proportions.wilson(0, 0, Proportions.Z95).rate());
    }

    @Test
    void newcombesDifferenceIntervalMatchesHisExamples() {
        Proportions.Difference d = Proportions.difference(56, 70, 48, 80, Proportions.Z95);
        assertEquals(0.2, d.difference(), 1e-9);
        assertEquals(0.0524, d.low(), 1e-4);
        assertEquals(0.3339, d.high(), 1e-4);
        assertTrue(d.significant());
        Proportions.Difference e = Proportions.difference(9, 10, 3, 10, Proportions.Z95);
        assertEquals(0.1705, e.low(), 1e-4);
        assertEquals(0.8090, e.high(), 1e-4);
        assertFalse(Proportions.difference(50, 100, 48, 100, Proportions.Z95).significant());
    }

    @Test
    void chiSquareTailsMatchTheCriticalValues() {
        assertEquals(0.05, Proportions.chiSquareSurvival(3.841459, 1), 1e-6);
        assertEquals(0.05, Proportions.chiSquareSurvival(5.991465, 2), 1e-6);
        assertEquals(0.001, Proportions.chiSquareSurvival(10.827566, 1), 1e-7);
        assertEquals(0.01, Proportions.chiSquareSurvival(16.811894, 6), 1e-6);
    }

    @Test
    void aBrokenTrafficSplitIsASampleRatioMismatch() {
        assertTrue(Proportions.sampleRatioPValue(new long[] {5000, 5020}, new double[] {0.5, 0.5}) > 0.5);
        assertTrue(Proportions.sampleRatioPValue(new long[] {5000, 5400}, new double[] {0.5, 0.5}) < 0.001);
        assertTrue(Proportions.sampleRatioPValue(new long[] {9000, 1010}, new double[] {0.9, 0.1}) > 0.5);
        assertEquals(1.0, Proportions.sampleRatioPValue(new long[] {0, 0}, new double[] {0.5, 0.5}));
    }

    private static void check(Proportions.Interval interval, double low, double high) {
        assertEquals(low, interval.low(), 1e-4, "low");
        assertEquals(high, interval.high(), 1e-4, "high");
    }
}
