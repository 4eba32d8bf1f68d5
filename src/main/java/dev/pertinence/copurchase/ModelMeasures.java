package dev.pertinence.copurchase;

import dev.pertinence.decision.Neighbour;

/**
 * The one definition of the model's measures, shared by every builder (the in-service
 * {@link CoPurchaseCounter} and the Spark job, which compiles this file: docs/model-build.md):
 * the figures of a pair, the rule that admits a neighbour and an item's share of baskets.
 * Pure: java.* only.
 */
public final class ModelMeasures {

    private ModelMeasures() {
    }

    /**
     * The figures of the rule {@code from => to}.
     *
     * @param to         the neighbour's SKU
     * @param toCategory its category, or null
     * @param fromCount  baskets holding {@code from}
     * @param toCount    baskets holding {@code to}
     * @param both       baskets holding both
     * @param baskets    all baskets
     */
    public static Neighbour neighbour(String to, String toCategory, long fromCount, long toCount, long both, long baskets) {
        long k12 = fromCount - both;
        long k21 = toCount - both;
        long k22 = baskets - fromCount - toCount + both;
        return new Neighbour(to, toCategory, Llr.of(both, k12, k21, k22),
                both * (double) baskets / (fromCount * (double) toCount),
                both / (double) fromCount, both / (double) baskets, both);
    }

    /** A pair is worth its figures once seen in {@code minSupport} baskets. */
    public static boolean supported(long both, int minSupport) {
        return both >= minSupport;
    }

    /** Positively associated: LLR alone also flags pairs that avoid each other. */
    public static boolean associated(Neighbour candidate) {
        return candidate.lift() > 1.0;
    }

    /** The popularity figure of an item or a category: the share of baskets holding it. */
    public static double share(long count, long baskets) {
        return count / (double) baskets;
    }
}
