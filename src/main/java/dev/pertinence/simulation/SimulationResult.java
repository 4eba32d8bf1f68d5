package dev.pertinence.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a simulation found: counts only, no person named (nothing for erasure to find).
 *
 * @param people     people decided (the population, or its sample)
 * @param population people the population held before sampling
 * @param limit      offers per decision
 * @param nothing    people who get nothing on any of the placements
 * @param placements per channel and placement: who gets which offer at which rank, each offer's eligible audience,
 *                   who gets nothing and why
 * @param budgets    per budgeted offer that some decision proposes or holds eligible: what this population would spend
 *                   and when the budget would run out
 * @param difference beside a draft: whose top offer changes against the current strategy; null without a draft
 * @param degraded   decisions made without some input (redis, database, no_model), by what they went without
 * @param durationMs the whole run, reading included
 */
public record SimulationResult(long people, long population, int limit, Nothing nothing, List<PlacementFigures> placements,
                               List<BudgetOutlook> budgets, Difference difference, Map<String, Long> degraded,
                               long durationMs) {

    /**
     * People who get no offer, their share, and why: a whole-decision reason (no_offers_consent,
     * contact_blocked, no_candidates, caps_unchecked) or, else, each reason that left out one of their
     * candidates (a person counts once per reason, so the reasons may add up to more than the people).
     */
    @Schema(name = "SimulationNothing")
    public record Nothing(long people, double share, Map<String, Long> reasons) {
    }

    /** One channel × placement: the people decided there, who gets nothing, and each candidate offer. */
    @Schema(name = "SimulationPlacementFigures")
    public record PlacementFigures(String channel, String placement, long people, Nothing nothing, List<OfferFigures> offers) {
    }

    /**
     * An offer on one placement.
     *
     * @param eligible people its rule, validity window and their consent on the channel admit (before ranking, caps,
     *                 budgets, one per category and the limit)
     * @param people   people who would get it, at any rank
     * @param byRank   of those, how many at rank 1, 2, …
     */
    @Schema(name = "SimulationOfferFigures")
    public record OfferFigures(String offerId, long eligible, long people, List<Long> byRank) {
    }

    /**
     * A budgeted offer at this population's pace.
     *
     * @param left           count − spent − held in its current window, now
     * @param wouldSpend     units this population would take: every decision proposing it (an upper bound when accepts
     *                       or coupons spend it)
     * @param dailyReach     people a day it is assumed to reach
     * @param dailyReachFrom request (as stated), recorded (its decisions a day over the last 7 days) or population (none
     *                       recorded: this population in one day)
     * @param runsOutAt      when it would be spent at that reach; null when it lasts its window (or is not reached)
     */
    @Schema(name = "SimulationBudgetOutlook")
    public record BudgetOutlook(String offerId, long count, String of, long spent, long reserved, long left, Instant windowEnd,
                                long wouldSpend, double dailyReach, String dailyReachFrom, Instant runsOutAt) {
    }

    /**
     * The draft against the current strategy, on the same people and inputs.
     *
     * @param changed     people whose top offer changes on at least one placement
     * @param share       changed / people
     * @param transitions the ten most frequent changes of top offer (from → to; null: nothing), in decisions
     */
    @Schema(name = "SimulationDifference")
    public record Difference(long people, long changed, double share, List<Transition> transitions) {
    }

    @Schema(name = "SimulationTransition")
    public record Transition(String from, String to, long decisions) {
    }
}
