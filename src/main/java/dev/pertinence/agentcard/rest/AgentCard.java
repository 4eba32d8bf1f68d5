package dev.pertinence.agentcard.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.agentcard.service.Card;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What a call-centre agent needs while the call is live: who the customer is, and what to offer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentCard(
        String customerId,
        @Schema(description = "First and last name as known; absent when neither is") String name,
        @Schema(description = "The segment decisions use (the first of the customer's segments)") String segment,
        List<String> segments,
        Loyalty loyalty,
        String homeStore,
        @Schema(description = "The latest purchases, newest first (at most 5)") List<Purchase> lastPurchases,
        @Schema(description = "Life events in the next 60 days, soonest first") List<Moment> upcomingLifeEvents,
        @Schema(description = "What the customer agreed to: profiling, and offers per channel") Consents consents,
        @Schema(description = "Report what the customer said about the offers with this id (POST /v1/decisions/{id}/outcomes); "
                + "in a dry run a random UUID no decision has, which outcomes answer with 404")
        UUID decisionId,
        @Schema(description = "Two or three offers, best first, each with what to say") List<Offer> offers,
        @Schema(description = "Why offers are missing or limited (consent, caps, degraded inputs)") List<String> notes,
        @Schema(description = "What the offers' decision went without (redis, database, no_model), as on a decision; "
                + "absent when nothing was missing")
        List<String> degraded,
        @Schema(description = "true: a dry run (dryRun=true), nothing reserved, recorded, learnt or counted; absent otherwise")
        Boolean dryRun) {

    public record Loyalty(String tier, Integer points) {
    }

    public record Purchase(String sku, String name, String category, Instant purchasedAt, int quantity, BigDecimal amount) {
    }

    public record Moment(String type, LocalDate date, long inDays, String label) {
    }

    public record Consents(boolean profiling, Map<String, Boolean> offers) {
    }

    @Schema(name = "AgentCardOffer", description = "An offer to make during the call, with what to say")
    public record Offer(String offerId, int rank, String title, double score,
                        @Schema(description = "What to say: the offer's own talking points (its message when it has none), "
                                + "then the strongest reason it fits this customer, in plain words") List<String> talkingPoints,
                        @Schema(description = "The offer's message as rendered for this customer") String message,
                        @Schema(description = "Why it was chosen, technically (as on a decision): figures, lifts, rules")
                        List<String> reasons) {
    }

    static AgentCard from(Card card) {
        Loyalty loyalty = card.loyalty() == null ? null : new Loyalty(card.loyalty().tier(), card.loyalty().points());
        List<Purchase> purchases = card.lastPurchases().stream().map(purchase -> new Purchase(purchase.sku(), purchase.name(),
                purchase.category(), purchase.purchasedAt(), purchase.quantity(), purchase.amount())).toList();
        List<Moment> moments = card.upcomingLifeEvents().stream()
                .map(moment -> new Moment(moment.type(), moment.date(), moment.inDays(), moment.label())).toList();
        List<Offer> offers = card.offers().stream().map(offer -> new Offer(offer.offerId(), offer.rank(), offer.title(),
                offer.score(), offer.talkingPoints(), offer.message(), offer.reasons())).toList();
        return new AgentCard(card.customerId(), card.name(), card.segment(), card.segments(), loyalty, card.homeStore(), purchases,
                moments, new Consents(card.consents().profiling(), card.consents().offers()), card.decisionId(), offers,
                card.notes(), card.degraded(), card.dryRun() ? Boolean.TRUE : null);
    }
}
