package dev.pertinence.evaluation.service;

/**
 * A number in [0, 1) drawn from a seed and a key (a basket, a customer), the same on every run and
 * whatever the order keys come in: FNV-1a over the key from the seed, then SplitMix64's finaliser.
 */
public final class SeededDraws {

    private SeededDraws() {
    }

    public static double unit(long seed, String key) {
        long h = 0xcbf29ce484222325L ^ seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
