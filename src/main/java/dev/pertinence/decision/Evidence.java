package dev.pertinence.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the person's purchases and session say about what they may want: each evidence item (a
 * purchased, carted or viewed SKU) with a weight: 1 for the session, halving every half-life for
 * purchases.
 */
final class Evidence {

    /**
     * A SKU the person bought or has in their session, weighted by recency (session = 1). The label
     * for reasons is built only for the few offers that are returned.
     */
    record Item(String sku, String name, Source source, double days, double weight) {

        enum Source { VIEWED, CART, BOUGHT }

        String label() {
            return switch (source) {
                case VIEWED -> "Viewing " + name + " now";
                case CART -> name + " is in the cart";
                case BOUGHT -> "Bought " + name + " " + ago(days);
            };
        }
    }

    private final Map<String, Item> items;

    private Evidence(Map<String, Item> items) {
        this.items = items;
    }

    /** The viewed product, the cart, then the most recent distinct purchases (at most {@code evidenceItems}). */
    static Evidence of(SessionContext context, List<PastPurchase> history, Instant now, ScoringPolicy policy) {
        Map<String, Item> items = new LinkedHashMap<>();
        if (context.currentProduct() != null) {
            items.put(context.currentProduct(), new Item(context.currentProduct(), context.nameOf(context.currentProduct()),
                    Item.Source.VIEWED, 0, 1.0));
        }
        for (String sku : context.cart()) {
            items.putIfAbsent(sku, new Item(sku, context.nameOf(sku), Item.Source.CART, 0, 1.0));
        }
        int fromHistory = 0;
        for (PastPurchase purchase : history) { // newest first: the first line of a SKU is its latest
            if (fromHistory >= policy.evidenceItems()) {
                break;
            }
            if (!items.containsKey(purchase.sku())) {
                double days = Math.max(0, Duration.between(purchase.purchasedAt(), now).toHours() / 24.0);
                double weight = Math.pow(0.5, days / policy.recencyHalfLifeDays());
                String name = purchase.name() == null ? purchase.sku() : purchase.name();
                items.put(purchase.sku(), new Item(purchase.sku(), name, Item.Source.BOUGHT, days, weight));
                fromHistory++;
            }
        }
        return new Evidence(items);
    }

    /** The evidence SKUs, in order: the one whose neighbours a decision needs. */
    List<String> skus() {
        return List.copyOf(items.keySet());
    }

    Iterable<Item> items() {
        return items.values();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    static String ago(double days) {
        if (days < 1) {
            return "today";
        }
        long whole = Math.round(days);
        return whole == 1 ? "yesterday" : whole + " days ago";
    }
}
