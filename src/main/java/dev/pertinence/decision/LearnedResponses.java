package dev.pertinence.decision;

import java.util.Collection;
import java.util.Set;

/**
 * What people answered to each offer, per segment: the live-learning input of the propensity.
 * Implementations are read concurrently with updates; {@link #version()} grows with every change.
 */
public interface LearnedResponses {

    LearnedResponses NONE = new LearnedResponses() {
        @Override
        public Counts counts(String offerId, String segment) {
            return Counts.NONE;
        }

        @Override
        public long version() {
            return 0;
        }

        @Override
        public Set<String> changedSince(long version) {
            return Set.of();
        }
    };

    /** Impressions and acceptances of an offer in a segment; never null. */
    Counts counts(String offerId, String segment);

    long version();

    /** Offers whose counts changed after {@code version}; null when too many to list (prepare again). */
    Set<String> changedSince(long version);

    /**
     * Ids (a page's section keys) a caller is about to read that are not offers of the catalogue: an
     * implementation that re-reads its counts periodically keeps these too, from now on (a replica that
     * started after their last outcome knows them from its next refresh). None by default.
     */
    default void watch(Collection<String> ids) {
    }

    /**
     * These responses as they are now, for one decision: its version and the offers changed since
     * {@code since} are taken now, each offer's counts when first read and never again, so whatever
     * is learnt meanwhile the decision reads one consistent set. Confined to one decision.
     */
    default LearnedResponses frozen(long since) {
        return new FrozenResponses(this, since);
    }

    record Counts(long impressions, long accepts) {
        public static final Counts NONE = new Counts(0, 0);
    }
}
