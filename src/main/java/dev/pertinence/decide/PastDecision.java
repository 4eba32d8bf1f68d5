package dev.pertinence.decide;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A decision as it was answered, read back for an audit. What attributes outcomes is always there
 * (who as resolved, segment, where, model, experiment and arm, offer ids, ranks and scores); the rest
 * of the answer ({@code context}, each offer's {@link Shown}, notes, degraded) only while
 * {@code answerKept}: it is deleted past {@code pertinence.decisions.retention} and by an erasure, and
 * decisions recorded before the audit existed never had it. A page layout is recorded as a decision whose
 * {@code sections} stand for its offers ({@code offers} empty).
 */
public record PastDecision(UUID id, String customerId, String segment, String channel, String placement, String modelVersion,
                           Instant decidedAt, String experimentId, String arm, boolean explored, List<Offer> offers,
                           boolean answerKept, Context context, List<String> notes, List<String> degraded,
                           List<Section> sections) {

    /** A page layout's sections stand where a decision's offers do: a layout has no offers. */
    public boolean pageLayout() {
        return !sections.isEmpty();
    }

    /**
     * A section of a page layout, in the visitor's order ({@code position}); {@code originalPosition} and
     * {@code reason} null when the answer is no longer kept.
     */
    public record Section(String sectionId, int position, double score, Integer originalPosition, String reason) {
    }

    /**
     * An offer of the decision; {@code shown} null when the answer is no longer kept. {@code propensity}: the probability
     * its strategy would have shown it (1 when it never explores; recorded with the offer, kept as long as it is).
     */
    public record Offer(String offerId, int rank, double score, Shown shown, double propensity) {

        public Offer(String offerId, int rank, double score, Shown shown) {
            this(offerId, rank, score, shown, 1.0);
        }
    }

    /** The offer as the caller was shown it. */
    public record Shown(String title, String message, String category, Factors factors, boolean explored, List<String> reasons) {
    }

    /** The factors of the score, as answered. */
    public record Factors(double propensity, double affinity, double popularity, double learnedLift, double value, double lever,
                          double contextWeight, double novelty) {
    }

    /**
     * The moment as the caller gave it: their time as the decision read it (the decision's time when
     * they gave none), the cart, the product viewed, the location, the store and the device; null when absent.
     */
    public record Context(OffsetDateTime time, List<String> cart, String currentProduct, Double latitude, Double longitude,
                          String storeId, String device) {
    }

    /** Where a page of a person's decisions ends: the last one's time and id. */
    public record Cursor(Instant decidedAt, UUID id) {
    }
}
