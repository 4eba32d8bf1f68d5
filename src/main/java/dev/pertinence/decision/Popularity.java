package dev.pertinence.decision;

import java.util.Map;

/**
 * How common items and categories are: the share of baskets that hold them. The cold-start
 * signal when nothing is known about the person or their session.
 */
public record Popularity(Map<String, Double> bySku, Map<String, Double> byCategory) {

    public static final Popularity NONE = new Popularity(Map.of(), Map.of());

    public double ofSku(String sku) {
        return bySku.getOrDefault(sku, 0.0);
    }

    public double ofCategory(String category) {
        return category == null ? 0.0 : byCategory.getOrDefault(category, 0.0);
    }
}
