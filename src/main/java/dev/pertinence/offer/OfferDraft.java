package dev.pertinence.offer;

import dev.pertinence.common.Channel;
import dev.pertinence.decision.LifeEventTarget;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.OfferBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An offer as marketing defines it, before the checks a write makes (the rule compiles, the dates
 * are in order, the cap's period is in range). Null means absent: the id (generated), the lists
 * (empty), the lever (1), the cap (the contact policy's default), the reliability (declared), proposeWhenInCart
 * (false), excludeBoughtWithin (never), the cost (nothing).
 */
public record OfferDraft(
        String id,
        String title,
        String message,
        String category,
        List<String> targetSkus,
        List<String> targetCategories,
        List<Channel> channels,
        List<String> placements,
        Instant validFrom,
        Instant validUntil,
        double businessValue,
        Double lever,
        String rule,
        FrequencyCap frequencyCap,
        MessageFields.Reliability messageReliability,
        LifeEventTarget lifeEvent,
        Boolean proposeWhenInCart,
        Duration excludeBoughtWithin,
        OfferCost cost,
        List<String> talkingPoints,
        Budget budget) {

    /**
     * At most {@code count} of {@code of} until {@code until} or per {@code period} (exactly one of
     * them; checked by the write), paced {@code pacing} (null: asap).
     */
    public record Budget(long count, OfferBudget.Spend of, Instant until, Duration period, OfferBudget.Pacing pacing) {
    }

    /** At most {@code count} impressions per person within {@code period}; checked by the write, not here. */
    public record FrequencyCap(int count, Duration period) {
    }
}
