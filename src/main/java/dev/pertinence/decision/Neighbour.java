package dev.pertinence.decision;

/**
 * "Customers who bought X also bought {@code sku}": one neighbour of X in the co-purchase model.
 *
 * @param llr        log-likelihood ratio of the pair (how surprising the co-occurrence is); ranks neighbours
 * @param lift       P(X and sku) / (P(X) P(sku)); above 1 means bought together more often than by chance
 * @param confidence P(sku | X): share of baskets with X that also hold {@code sku}
 * @param support    share of all baskets holding both
 * @param count      baskets holding both
 */
public record Neighbour(String sku, String category, double llr, double lift, double confidence, double support, long count) {
}
