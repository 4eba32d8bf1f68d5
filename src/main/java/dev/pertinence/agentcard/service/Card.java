package dev.pertinence.agentcard.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a call-centre agent needs while the call is live, gathered: who the customer is (name and
 * loyalty null when unknown), what they bought and have coming, what they agreed to, and a
 * decision's offers with what to say; {@code degraded} is null when the decision lacked nothing;
 * {@code dryRun}: the decision was rehearsed (nothing reserved, recorded or counted).
 */
public record Card(String customerId, String name, String segment, List<String> segments, Loyalty loyalty, String homeStore,
                   List<Purchase> lastPurchases, List<Moment> upcomingLifeEvents, Consents consents, UUID decisionId,
                   List<Offer> offers, List<String> notes, List<String> degraded, boolean dryRun) {

    public record Loyalty(String tier, Integer points) {
    }

    public record Purchase(String sku, String name, String category, Instant purchasedAt, int quantity, BigDecimal amount) {
    }

    public record Moment(String type, LocalDate date, long inDays, String label) {
    }

    public record Consents(boolean profiling, Map<String, Boolean> offers) {
    }

    /** What to say (the offer's own points, then why it fits, in plain words); its message and technical reasons. */
    public record Offer(String offerId, int rank, String title, double score, List<String> talkingPoints, String message,
                        List<String> reasons) {
    }
}
