package dev.pertinence.copurchase;

import java.util.Arrays;

/**
 * Counts of unordered item pairs, keyed by two dense item ids: an open-addressing long→int map,
 * because a million purchase lines make millions of pairs and boxed maps would triple the memory.
 */
final class PairCounts {

    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] counts;
    private int size;

    PairCounts() {
        keys = new long[1 << 16];
        counts = new int[1 << 16];
        Arrays.fill(keys, EMPTY);
    }

    static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    static int first(long key) {
        return (int) (key >>> 32);
    }

    static int second(long key) {
        return (int) key;
    }

    void increment(int a, int b) {
        if (size * 2 >= keys.length) {
            grow();
        }
        long key = key(a, b);
        int slot = slot(key, keys.length);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & (keys.length - 1);
        }
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        counts[slot]++;
    }

    int get(int a, int b) {
        long key = key(a, b);
        int slot = slot(key, keys.length);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return counts[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        return 0;
    }

    int size() {
        return size;
    }

    interface PairConsumer {
        void accept(int a, int b, int count);
    }

    void forEach(PairConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                consumer.accept(first(keys[i]), second(keys[i]), counts[i]);
            }
        }
    }

    /**
     * Fibonacci hashing: the top log2(capacity) bits of the product. It took 24 fixed bits before, so a
     * table past 2^24 slots (about 8 million pairs) used a quarter or less of itself and its probe
     * chains grew without end (a 50-million-line build never finished with 4 GB, docs/model-build.md).
     */
    static int slot(long key, int capacity) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> Long.numberOfLeadingZeros(capacity - 1L)) & (capacity - 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], keys.length);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
