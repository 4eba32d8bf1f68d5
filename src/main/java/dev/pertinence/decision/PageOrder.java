package dev.pertinence.decision;

import dev.pertinence.decision.Neighbour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same deck of cards in a different order for each visitor: a page's sections ranked by how
 * much what the visitor bought, carts or views points at each section's topics (product
 * categories, or tags matched like categories). An evidence item points at a topic directly (its
 * own category) or through its co-purchase neighbours (the share of baskets with it that hold a
 * product of that category, discounted by {@link #INFERRED}: what the visitor is looking at comes
 * before what usually goes with it). Strengths combine as a noisy-or, as for offers; the
 * strongest gives the reason. Sections nothing points at keep their order after the others. Pure.
 */
public final class PageOrder {

    /** A section of the page and what it is about. */
    public record Section(String id, Set<String> topics) {
    }

    /** A section in its place for this visitor. */
    public record Placed(String id, int position, int originalPosition, double score, String reason) {
    }

    /** A co-purchase counts at most this much of a direct match (same confidence). */
    static final double INFERRED = 0.8;

    static final String NO_SIGNAL = "Nothing this visitor bought, carts or views points here: kept in the page's order";

    private PageOrder() {
    }

    /** The SKUs whose co-purchase neighbours {@link #order} reads: exactly the evidence a decision would weigh. */
    public static List<String> evidenceSkus(SessionContext context, List<PastPurchase> history, Instant now, ScoringPolicy policy) {
        return Evidence.of(context, history, now, policy).skus();
    }

    public static List<Placed> order(List<Section> sections, SessionContext context, List<PastPurchase> history,
                                     Map<String, List<Neighbour>> neighbours, Instant now, ScoringPolicy policy) {
        Evidence evidence = Evidence.of(context, history, now, policy);
        Map<String, String> categories = new HashMap<>();
        history.forEach(purchase -> categories.putIfAbsent(purchase.sku(), purchase.category()));
        List<Scored> scored = new ArrayList<>(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            scored.add(score(sections.get(i), i, evidence, context, categories, neighbours));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparingInt(s -> s.original));
        List<Placed> placed = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            placed.add(new Placed(s.section.id(), placed.size() + 1, s.original + 1, s.score, s.reason));
        }
        return placed;
    }

    private record Scored(Section section, int original, double score, String reason) {
    }

    private static Scored score(Section section, int original, Evidence evidence, SessionContext context,
                                Map<String, String> categories, Map<String, List<Neighbour>> neighbours) {
        double miss = 1.0;
        double best = 0;
        String reason = NO_SIGNAL;
        for (Evidence.Item item : evidence.items()) {
            String category = item.source() == Evidence.Item.Source.BOUGHT ? categories.get(item.sku()) : context.categoryOf(item.sku());
            double strength = 0;
            String why = null;
            if (category != null && section.topics().contains(category)) {
                strength = item.weight();
                why = item.label() + " (" + category + ")";
            } else {
                for (Neighbour neighbour : neighbours.getOrDefault(item.sku(), List.of())) {
                    double inferred = item.weight() * neighbour.confidence() * INFERRED;
                    if (neighbour.category() != null && section.topics().contains(neighbour.category()) && inferred > strength) {
                        strength = inferred;
                        why = item.label() + ": " + Math.round(neighbour.confidence() * 100) + " % of baskets with it also hold "
                                + neighbour.sku() + " (" + neighbour.category() + ")";
                    }
                }
            }
            miss *= 1.0 - Math.min(strength, 1.0);
            if (strength > best) {
                best = strength;
                reason = why;
            }
        }
        return new Scored(section, original, 1.0 - miss, reason);
    }
}
