package dev.pertinence.decision;

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

    record Counts(long impressions, long accepts) {
        public static final Counts NONE = new Counts(0, 0);
    }
}
