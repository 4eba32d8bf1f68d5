package dev.pertinence.evaluation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeededDrawsTest {

    @Test
    void theSameSeedAndKeyDrawTheSameNumberAndTheDrawsAreEven() {
        assertEquals(SeededDraws.unit(7, "o:basket-1"), SeededDraws.unit(7, "o:basket-1"));
        assertNotEquals(SeededDraws.unit(7, "o:basket-1"), SeededDraws.unit(8, "o:basket-1"));
        int below = 0;
        for (int i = 0; i < 100_000; i++) {
            double draw = SeededDraws.unit(2026, "o:basket-" + i);
            assertTrue(draw >= 0 && draw < 1);
            below += draw < 0.2 ? 1 : 0;
        }
        assertEquals(20_000, below, 600, "a held-out share of 0.2 holds out about a fifth of the baskets");
    }

    @Test
    void aSampleDoesNotDependOnTheOrderTheIdsCameIn() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add("c-" + i);
        }
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        List<String> sample = EvaluationRunner.sample(ids, 3, 50);
        assertEquals(50, sample.size());
        assertEquals(sample, EvaluationRunner.sample(reversed, 3, 50));
        assertNotEquals(sample, EvaluationRunner.sample(ids, 4, 50));
        assertEquals(ids, EvaluationRunner.sample(ids, 3, 500), "no more than asked: all of them");
    }
}
