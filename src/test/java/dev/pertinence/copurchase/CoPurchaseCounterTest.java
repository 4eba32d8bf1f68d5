package dev.pertinence.copurchase;

import dev.pertinence.decision.Neighbour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoPurchaseCounterTest {

    private static final Map<String, String> CATEGORIES = Map.of("a", "dairy", "b", "bakery", "c", "dairy");

    /** Five baskets, figures worked out by hand in the comments. */
    private static CoPurchaseCounter handBaskets() {
        CoPurchaseCounter counter = new CoPurchaseCounter(CATEGORIES::get, 100);
        counter.addBasket(List.of("a", "b"));
        counter.addBasket(List.of("a", "b", "c"));
        counter.addBasket(List.of("a", "c", "a")); // a repeated item counts once
        counter.addBasket(List.of("b"));
        counter.addBasket(List.of("d"));
        return counter;
    }

    @Test
    void liftConfidenceAndSupportOnHandComputedBaskets() {
        CoPurchaseCounter counter = handBaskets();
        assertEquals(5, counter.baskets());
        assertEquals(3, counter.itemCount("a"));
        // a => b: 2 of a's 3 baskets hold b; lift = 2·5 / (3·3)
        Neighbour ab = counter.rule("a", "b");
        assertEquals(2.0 / 3, ab.confidence(), 1e-12);
        assertEquals(10.0 / 9, ab.lift(), 1e-12);
        assertEquals(0.4, ab.support(), 1e-12);
        // c => a: both baskets with c hold a; lift = 2·5 / (2·3)
        Neighbour ca = counter.rule("c", "a");
        assertEquals(1.0, ca.confidence(), 1e-12);
        assertEquals(5.0 / 3, ca.lift(), 1e-12);
        // b => c: 1 of 3, lift 5/6 < 1
        assertEquals(5.0 / 6, counter.rule("b", "c").lift(), 1e-12);
        assertEquals(Llr.of(2, 1, 0, 2), counter.rule("a", "c").llr(), 1e-12);
    }

    @Test
    void keepsPositiveNeighboursAboveMinimumSupportRankedByLlr() {
        CoPurchaseModel model = handBaskets().build(2, 5);
        List<Neighbour> ofA = model.neighbours().get("a");
        assertEquals(List.of("c", "b"), ofA.stream().map(Neighbour::sku).toList());
        assertTrue(ofA.get(0).llr() > ofA.get(1).llr());
        assertEquals("dairy", ofA.get(0).category());
        assertEquals(List.of("a"), model.neighbours().get("c").stream().map(Neighbour::sku).toList());
        assertFalse(model.neighbours().containsKey("d"));
        assertEquals(0.6, model.popularity().ofSku("b"), 1e-12);
        assertEquals(0.6, model.popularity().ofCategory("dairy"), 1e-12); // baskets 1,2,3 hold a or c
        assertEquals(1, handBaskets().build(2, 1).neighbours().get("a").size());
        assertEquals(3, model.pairs()); // ab, ac, bc
    }

    @Test
    void oversizedBasketsCountForPopularityNotPairs() {
        CoPurchaseCounter counter = new CoPurchaseCounter(sku -> null, 2);
        counter.addBasket(List.of("a", "b", "c"));
        counter.addBasket(List.of("a", "b"));
        assertEquals(2, counter.itemCount("a"));
        assertEquals(1, counter.pairCount("a", "b"));
        assertEquals(0, counter.pairCount("a", "c"));
    }

    @Test
    void reproducesTheArulesFiguresOnRealGroceryBaskets() throws IOException {
        CoPurchaseCounter counter = new CoPurchaseCounter(sku -> null, 100);
        for (String line : Files.readAllLines(Path.of("../shared/data/groceries.csv"))) {
            counter.addBasket(Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        assertEquals(9_835, counter.baskets());
        assertEquals(2_513, counter.itemCount("whole milk"));
        assertEquals(1_903, counter.itemCount("other vegetables"));
        assertEquals(1_809, counter.itemCount("rolls/buns"));
        assertEquals(1_715, counter.itemCount("soda"));
        assertEquals(1_372, counter.itemCount("yogurt"));
        Neighbour herbsToRoots = counter.rule("herbs", "root vegetables");
        assertEquals(69, herbsToRoots.count());
        assertEquals(0.007015760, herbsToRoots.support(), 1e-9);
        assertEquals(0.4312500, herbsToRoots.confidence(), 1e-7);
        assertEquals(3.956477, herbsToRoots.lift(), 1e-6);

        // support >= 0.006 is a count of 60 here; herbs' strongest neighbour by LLR is root vegetables
        CoPurchaseModel model = counter.build(60, 10);
        assertEquals("root vegetables", model.neighbours().get("herbs").get(0).sku());
        assertEquals(169, model.items());
        model.neighbours().values().forEach(list -> list.forEach(n -> {
            assertTrue(n.count() >= 60);
            assertTrue(n.lift() > 1.0);
        }));
    }
}
