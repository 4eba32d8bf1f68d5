package dev.pertinence.decision;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for decision-core tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");

    private Fixtures() {
    }

    static CandidateOffer offer(String id, String category, Set<String> skus, Set<String> categories, double value) {
        return new CandidateOffer(id, "Title " + id, "Message " + id, category, skus, categories, null, null, value, 1.0,
                EligibilityRule.ALWAYS);
    }

    static CandidateOffer withRule(CandidateOffer offer, EligibilityRule rule) {
        return new CandidateOffer(offer.id(), offer.title(), offer.message(), offer.category(), offer.targetSkus(),
                offer.targetCategories(), offer.validFrom(), offer.validUntil(), offer.value(), offer.lever(), rule);
    }

    static CandidateOffer withLever(CandidateOffer offer, double lever) {
        return new CandidateOffer(offer.id(), offer.title(), offer.message(), offer.category(), offer.targetSkus(),
                offer.targetCategories(), offer.validFrom(), offer.validUntil(), offer.value(), lever, offer.rule());
    }

    static CandidateOffer validBetween(CandidateOffer offer, Instant from, Instant until) {
        return new CandidateOffer(offer.id(), offer.title(), offer.message(), offer.category(), offer.targetSkus(),
                offer.targetCategories(), from, until, offer.value(), offer.lever(), offer.rule());
    }

    static Neighbour neighbour(String sku, String category, double confidence, double lift) {
        return new Neighbour(sku, category, 100, lift, confidence, 0.01, 50);
    }

    static PastPurchase bought(String sku, String name, String category, int daysAgo) {
        return new PastPurchase(sku, name, category, NOW.minus(Duration.ofDays(daysAgo)), 1, 10.0);
    }

    static CustomerProfile customer(String id, List<String> segments) {
        return new CustomerProfile(id, "Jeanne", "Rousseau", "female", null, null, null, segments, "gold", 1200, null);
    }

    static SessionContext session(List<String> cart, String current, Map<String, SessionContext.ProductInfo> products) {
        return new SessionContext("web", "home", NOW.atZone(ZoneOffset.UTC), cart, current, products, null, null, null, null);
    }

    static SessionContext emptySession() {
        return session(List.of(), null, Map.of());
    }

    static Snapshot snapshot(CustomerProfile customer, List<PastPurchase> history, SessionContext context,
                             Map<String, List<Neighbour>> neighbours, Popularity popularity, List<CandidateOffer> offers,
                             int limit, boolean explain) {
        return new Snapshot(NOW, customer, history, context, neighbours, true, candidates(offers, popularity), limit, explain, false,
                ContactHistory.NONE, LearnedResponses.NONE);
    }

    static CandidateSet candidates(List<CandidateOffer> offers, Popularity popularity) {
        return CandidateSet.of(offers, popularity, ScoringPolicy.DEFAULT);
    }

    /** Learned counts per offer, the same in every segment, never changing. */
    record Learned(Map<String, LearnedResponses.Counts> counts) implements LearnedResponses {
        @Override
        public Counts counts(String offerId, String segment) {
            return counts.getOrDefault(offerId, Counts.NONE);
        }

        @Override
        public long version() {
            return 1;
        }

        @Override
        public Set<String> changedSince(long version) {
            return Set.of();
        }
    }

    /** A generator whose uniform draws are all {@code uniform} and Gaussian draws all {@code gaussian}: every Beta draw exact. */
    static java.util.random.RandomGenerator sameDraws(double uniform, double gaussian) {
        return new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return uniform;
            }

            @Override
            public double nextGaussian() {
                return gaussian;
            }
        };
    }
}
