package dev.pertinence.copurchase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlrTest {

    @ParameterizedTest(name = "({0},{1},{2},{3}) -> {4}")
    @CsvSource({
            "1, 0, 0, 1, 2.772589",
            "10, 0, 0, 10, 27.72589",
            "5, 1995, 0, 100000, 39.33052",
            "1000, 1995, 1000, 100000, 4730.737",
            "1000, 1000, 1000, 100000, 5734.343",
    })
    void matchesDunningsReferenceFigures(long k11, long k12, long k21, long k22, double expected) {
        assertEquals(expected, Llr.of(k11, k12, k21, k22), expected * 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"10, 10, 10, 10", "1, 1, 1, 1", "0, 0, 0, 5"})
    void anIndependentTableScoresZero(long k11, long k12, long k21, long k22) {
        assertEquals(0.0, Llr.of(k11, k12, k21, k22), 1e-9);
    }
}
