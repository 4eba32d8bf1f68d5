package dev.pertinence.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.decision.Neighbour;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Model comparisons: same keys, same neighbours in the same order, every value within 1e-9. */
final class Models {

    static final double TOLERANCE = 1e-9;

    private Models() {
    }

    static void assertSameNeighbours(Map<String, List<Neighbour>> expected, Map<String, List<Neighbour>> actual) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "items with neighbours");
        expected.forEach((item, want) -> {
            List<Neighbour> got = actual.get(item);
            assertEquals(want.stream().map(Neighbour::sku).toList(), got.stream().map(Neighbour::sku).toList(),
                    "neighbours of " + item + ", in order");
            for (int i = 0; i < want.size(); i++) {
                Neighbour w = want.get(i);
                Neighbour g = got.get(i);
                String where = item + " => " + w.sku();
                assertEquals(w.category(), g.category(), where + ": category");
                assertEquals(w.llr(), g.llr(), TOLERANCE, where + ": llr");
                assertEquals(w.lift(), g.lift(), TOLERANCE, where + ": lift");
                assertEquals(w.confidence(), g.confidence(), TOLERANCE, where + ": confidence");
                assertEquals(w.support(), g.support(), TOLERANCE, where + ": support");
                assertEquals(w.count(), g.count(), where + ": count");
            }
        });
    }

    static void assertSameShares(Map<String, Double> expected, Map<String, Double> actual, String what) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), what);
        expected.forEach((key, share) -> assertEquals(share, actual.get(key), TOLERANCE, what + " of " + key));
    }
}
