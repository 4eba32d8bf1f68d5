package dev.pertinence.evaluation;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A recorded decision as an off-policy estimate reads it: who (null when anonymous or erased), in which segment,
 * where and when, the context the caller sent (cart, product viewed, their time: what a replay can give the
 * candidate), and the offers it showed, in rank order, each with the probability its strategy would have shown it.
 */
public record LoggedDecision(UUID id, String customerId, String segment, String channel, String placement, Instant decidedAt,
                             ZonedDateTime localTime, List<String> cart, String currentProduct, List<Shown> offers) {

    /** An offer shown, and its propensity (1 when its strategy never explores). */
    public record Shown(String offerId, double propensity) {
    }
}
