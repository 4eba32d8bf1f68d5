package dev.pertinence.copurchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PairCountsTest {

    @Test
    void slotsSpreadOverTheWholeTableWhateverItsSize() {
        for (int bits : new int[] {4, 10, 20, 24, 26, 30}) {
            int capacity = 1 << bits;
            int keys = Math.min(capacity, 1 << 16);
            BitSet used = new BitSet(capacity);
            int highest = 0;
            for (int first = 0, n = 0; n < keys; first++) {
                for (int second = first + 1; second <= first + 8 && n < keys; second++, n++) {
                    int slot = PairCounts.slot(PairCounts.key(first, second), capacity);
                    assertTrue(slot >= 0 && slot < capacity, bits + " bits: slot " + slot);
                    used.set(slot);
                    highest = Math.max(highest, slot);
                }
            }
            // a table past 2^24 slots used only its first 2^24 before: the keys must reach its upper half
            assertTrue(highest >= capacity / 2, bits + " bits: highest slot " + highest);
            // and spread: random placement would fill about 1 - 1/e of a full table, more of a sparse one
            assertTrue(used.cardinality() >= keys * 0.5, bits + " bits: " + used.cardinality() + " of " + keys);
        }
    }

    @Test
    void countsSurviveGrowth() {
        PairCounts pairs = new PairCounts();
        for (int i = 0; i < 50_000; i++) {
            pairs.increment(i, i + 1);
            pairs.increment(i, i + 1);
        }
        assertEquals(2, pairs.get(0, 1));
        assertEquals(2, pairs.get(49_999, 50_000));
        assertEquals(0, pairs.get(1, 3));
    }
}
