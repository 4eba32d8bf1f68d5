package dev.pertinence.copurchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The selection both builders share (the service's counter and the Spark job): docs/model-build.md. */
class TopNeighboursTest {

    private static Neighbour n(String sku, double llr, double lift) {
        return new Neighbour(sku, null, llr, lift, 0.5, 0.1, 5);
    }

    @Test
    void keepsTheTopKByLlrThenSkuWhateverTheOrderOfTheCandidates() {
        List<Neighbour> candidates = new ArrayList<>(List.of(n("d", 9, 2), n("b", 7, 2), n("a", 7, 2), n("c", 3, 2), n("e", 1, 2)));
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(candidates, random);
            TopNeighbours top = new TopNeighbours(3);
            candidates.forEach(top::offer);
            assertEquals(List.of("d", "a", "b"), top.ranked().stream().map(Neighbour::sku).toList());
        }
    }

    @Test
    void refusesPairsThatAvoidEachOtherHoweverHighTheirLlr() {
        TopNeighbours top = new TopNeighbours(5);
        top.offer(n("avoided", 50, 0.2));
        top.offer(n("independent", 0, 1.0));
        assertTrue(top.isEmpty());
        top.offer(n("together", 2, 1.01));
        assertEquals(List.of("together"), top.ranked().stream().map(Neighbour::sku).toList());
    }

    @Test
    void measuresArePureArithmeticOfTheFourCounts() {
        Neighbour herbsToRoots = ModelMeasures.neighbour("root vegetables", null, 160, 1_072, 69, 9_835);
        assertEquals(0.007015760, herbsToRoots.support(), 1e-9);
        assertEquals(0.4312500, herbsToRoots.confidence(), 1e-7);
        assertEquals(3.956477, herbsToRoots.lift(), 1e-6);
        assertEquals(Llr.of(69, 160 - 69, 1_072 - 69, 9_835 - 160 - 1_072 + 69), herbsToRoots.llr());
        assertTrue(ModelMeasures.supported(3, 3));
        assertEquals(false, ModelMeasures.supported(2, 3));
        assertEquals(0.25, ModelMeasures.share(1, 4));
    }
}
