package dev.pertinence.decision;

import dev.pertinence.copurchase.Neighbour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the person's purchases and session say about what they may want: each evidence item (a
 * purchased, carted or viewed SKU) with a weight, and, inverted for fast lookup, every
 * co-purchase neighbour it points to by target SKU and target category.
 */
final class Evidence {

    /** A SKU the person bought or has in their session, weighted by recency (session = 1). */
    record Item(String sku, String label, double weight) {
    }

    /** One evidence item pointing at one neighbour: strength = item weight × confidence. */
    record Contribution(Item from, Neighbour to, double strength) {
    }

    private final Map<String, Item> items;
    private final Map<String, List<Contribution>> bySku = new HashMap<>();
    private final Map<String, List<Contribution>> byCategory = new HashMap<>();

    private Evidence(Map<String, Item> items, Map<String, List<Neighbour>> neighbours) {
        this.items = items;
        for (Item item : items.values()) {
            for (Neighbour neighbour : neighbours.getOrDefault(item.sku(), List.of())) {
                Contribution contribution = new Contribution(item, neighbour, item.weight() * neighbour.confidence());
                bySku.computeIfAbsent(neighbour.sku(), k -> new ArrayList<>(2)).add(contribution);
                if (neighbour.category() != null) {
                    byCategory.computeIfAbsent(neighbour.category(), k -> new ArrayList<>(4)).add(contribution);
                }
            }
        }
    }

    static Evidence of(Snapshot snapshot, ScoringPolicy policy) {
        Map<String, Item> items = new LinkedHashMap<>();
        SessionContext context = snapshot.context();
        if (context.currentProduct() != null) {
            items.put(context.currentProduct(), new Item(context.currentProduct(), "Viewing " + context.nameOf(context.currentProduct()) + " now", 1.0));
        }
        for (String sku : context.cart()) {
            items.putIfAbsent(sku, new Item(sku, context.nameOf(sku) + " is in the cart", 1.0));
        }
        int fromHistory = 0;
        for (PastPurchase purchase : snapshot.history()) { // newest first: the first line of a SKU is its latest
            if (fromHistory >= policy.evidenceItems()) {
                break;
            }
            if (!items.containsKey(purchase.sku())) {
                double days = Math.max(0, Duration.between(purchase.purchasedAt(), snapshot.now()).toHours() / 24.0);
                double weight = Math.pow(0.5, days / policy.recencyHalfLifeDays());
                String name = purchase.name() == null ? purchase.sku() : purchase.name();
                items.put(purchase.sku(), new Item(purchase.sku(), "Bought " + name + " " + ago(days), weight));
                fromHistory++;
            }
        }
        return new Evidence(items, snapshot.neighbours());
    }

    /** The SKUs whose neighbours a decision needs: the session's, then recent purchases'. */
    static List<String> skusFor(SessionContext context, List<PastPurchase> history, int evidenceItems) {
        LinkedHashMap<String, Boolean> skus = new LinkedHashMap<>();
        if (context.currentProduct() != null) {
            skus.put(context.currentProduct(), true);
        }
        context.cart().forEach(sku -> skus.put(sku, true));
        int fromHistory = 0;
        for (PastPurchase purchase : history) {
            if (fromHistory >= evidenceItems) {
                break;
            }
            if (skus.putIfAbsent(purchase.sku(), true) == null) {
                fromHistory++;
            }
        }
        return List.copyOf(skus.keySet());
    }

    /** SKUs some evidence points to: only offers targeting these (or {@link #reachedCategories()}) gain affinity. */
    java.util.Set<String> reachedSkus() {
        return bySku.keySet();
    }

    java.util.Set<String> reachedCategories() {
        return byCategory.keySet();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    boolean contains(String sku) {
        return items.containsKey(sku);
    }

    List<Contribution> towardsSku(String sku) {
        return bySku.getOrDefault(sku, List.of());
    }

    List<Contribution> towardsCategory(String category) {
        return byCategory.getOrDefault(category, List.of());
    }

    static String ago(double days) {
        if (days < 1) {
            return "today";
        }
        long whole = Math.round(days);
        return whole == 1 ? "yesterday" : whole + " days ago";
    }

}
