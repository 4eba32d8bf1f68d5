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
 * strongest gives the reason. Sections nothing points at keep their order after the others.
 *
 * <p>Sections learn from clicks as offers learn from acceptances ({@link Learning}): a section's
 * clicks and impressions on this page in the visitor's segment give a Beta-smoothed click rate (the
 * offers' prior); its excess over the prior's mean is one more strength in the noisy-or, so a section
 * clicked far more than assumed rises, and a rate below the prior only scales the section's own
 * signal down by its learned lift: a section nothing points at is never pushed below the page's
 * order, and a few unclicked impressions barely move one that something points at. The counts live
 * under {@link #key} ({@code page/<page>/<section>}), which no offer id can be (they have no '/').
 * A control arm ({@link Strategy.Kind#CONTROL}) gets the page's own order. Pure.
 */
public final class PageOrder {

    /** A section of the page and what it is about. */
    public record Section(String id, Set<String> topics) {
    }

    /** A section in its place for this visitor. */
    public record Placed(String id, int position, int originalPosition, double score, String reason) {
    }

    /**
     * What the order learns from and how it ranks: the page (its counts' key space), the visitor's
     * segment (similar visitors), the learned responses (clicks as acceptances) and the arm's strategy.
     */
    public record Learning(String page, String segment, LearnedResponses learned, Strategy strategy) {

        /** Nothing learnt, personalised: the order from the visitor's own evidence alone. */
        public static final Learning NONE = new Learning("page", Segments.ANONYMOUS, LearnedResponses.NONE, Strategy.PERSONALISED);
    }

    /** The outcome type that is a section's response (impressions are its views). */
    public static final String RESPONSE = "click";

    /** Where a section's learned counts live, as an outcome's offer id: {@code page/<page>/<section>}. */
    public static String key(String page, String sectionId) {
        return "page/" + page + "/" + sectionId;
    }

    /** Whether this id is a section's {@link #key} rather than an offer's. */
    public static boolean isSectionKey(String id) {
        return id.startsWith("page/");
    }

    static final String CONTROL = "Control group: the page's own order, not personalised";

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
        return order(sections, context, history, neighbours, now, policy, Learning.NONE);
    }

    public static List<Placed> order(List<Section> sections, SessionContext context, List<PastPurchase> history,
                                     Map<String, List<Neighbour>> neighbours, Instant now, ScoringPolicy policy, Learning learning) {
        Strategy strategy = learning.strategy();
        if (!strategy.personal()) {
            List<Placed> placed = new ArrayList<>(sections.size());
            for (Section section : sections) {
                placed.add(new Placed(section.id(), placed.size() + 1, placed.size() + 1, 0.0, CONTROL));
            }
            return placed;
        }
        Map<String, List<Neighbour>> inferred = strategy.coPurchase() ? neighbours : Map.of();
        Evidence evidence = Evidence.of(context, history, now, policy);
        Map<String, String> categories = new HashMap<>();
        history.forEach(purchase -> categories.putIfAbsent(purchase.sku(), purchase.category()));
        List<Scored> scored = new ArrayList<>(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            Scored signal = score(sections.get(i), i, evidence, context, categories, inferred);
            scored.add(strategy.learning() ? learned(signal, learning, policy) : signal);
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score).thenComparingInt(s -> s.original));
        List<Placed> placed = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            placed.add(new Placed(s.section.id(), placed.size() + 1, s.original + 1, s.score, s.reason));
        }
        return placed;
    }

    private record Scored(Section section, int original, double score, double best, String reason) {
    }

    /**
     * The section's own signal with what its clicks taught: the posterior click rate's excess over
     * the prior's mean, (rate − mean) ÷ (1 − mean), joins the noisy-or; a learned lift below 1 scales
     * the signal (never below 0: no section falls behind those nothing points at). The reason is the
     * clicks' when they weigh more than the strongest evidence.
     */
    private static Scored learned(Scored signal, Learning learning, ScoringPolicy policy) {
        LearnedResponses.Counts counts = learning.learned().counts(key(learning.page(), signal.section().id()), learning.segment());
        if (counts.impressions() == 0 && counts.accepts() == 0) {
            return signal;
        }
        double lift = policy.learnedLift(counts);
        double mean = policy.priorMean();
        double strength = Math.max(0.0, (policy.posteriorMean(counts) - mean) / (1.0 - mean));
        double score = 1.0 - (1.0 - signal.score() * Math.min(lift, 1.0)) * (1.0 - strength);
        String reason = signal.reason();
        if (strength > signal.best()) {
            reason = "Clicked in " + counts.accepts() + " of " + Math.max(counts.impressions(), counts.accepts())
                    + " views of this page by visitors in segment " + learning.segment() + ": learned lift " + oneDecimal(lift);
        }
        return new Scored(signal.section(), signal.original(), score, Math.max(strength, signal.best()), reason);
    }

    private static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        return tenths / 10 + "." + tenths % 10;
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
        return new Scored(section, original, 1.0 - miss, best, reason);
    }
}
