package dev.pertinence.experiment;

import dev.pertinence.decision.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An experiment on some channels and placements for a period: its arms split the people who
 * meet it, each person sticking to one arm ({@link Assignment}). Arms and shares never change once
 * created, or assignments would.
 *
 * @param placements empty: every placement of its channels
 * @param endsAt     null: until stopped
 * @param minimumDetectableEffect the smallest absolute difference in acceptance rate worth detecting; with {@code power}
 *                   it sets the people needed per arm ({@link Proportions#peoplePerArm}); null: the configured floor alone
 * @param power      the chance of detecting that difference when it is there (at α 0.05, two-sided)
 */
public record Experiment(String id, String name, Set<String> channels, Set<String> placements, Instant startsAt,
                         Instant endsAt, List<Arm> arms, Double minimumDetectableEffect, double power) {

    /** The power assumed when an experiment declares a minimum detectable effect without one. */
    public static final double DEFAULT_POWER = 0.8;

    /** An experiment that declares no minimum detectable effect. */
    public Experiment(String id, String name, Set<String> channels, Set<String> placements, Instant startsAt,
                      Instant endsAt, List<Arm> arms) {
        this(id, name, channels, placements, startsAt, endsAt, arms, null, DEFAULT_POWER);
    }

    /** Shares are in basis points (1/100 of a percent) and add up to {@link Assignment#BUCKETS}. */
    public record Arm(String name, int shareBasisPoints, Strategy strategy) {

        public double sharePercent() {
            return shareBasisPoints / 100.0;
        }

        public boolean control() {
            return !strategy.personal();
        }
    }

    public Experiment {
        channels = Set.copyOf(channels);
        placements = Set.copyOf(placements);
        arms = List.copyOf(arms);
        if (arms.stream().mapToInt(Arm::shareBasisPoints).sum() != Assignment.BUCKETS) {
            throw new IllegalArgumentException("arm shares must add up to 100 %");
        }
    }

    /** Whether a decision on this channel and placement at this instant belongs to the experiment. */
    public boolean covers(String channel, String placement, Instant at) {
        return channels.contains(channel) && (placements.isEmpty() || placements.contains(placement)) && running(at);
    }

    public boolean running(Instant at) {
        return !at.isBefore(startsAt) && (endsAt == null || at.isBefore(endsAt));
    }

    /** Both would claim some decision: a channel and a placement in common, and periods that meet. */
    public boolean overlaps(Experiment other) {
        boolean channel = channels.stream().anyMatch(other.channels::contains);
        boolean placement = placements.isEmpty() || other.placements.isEmpty() || placements.stream().anyMatch(other.placements::contains);
        boolean period = (endsAt == null || other.startsAt.isBefore(endsAt)) && (other.endsAt == null || startsAt.isBefore(other.endsAt));
        return channel && placement && period;
    }

    /** The arm the others are compared with: the first control arm, else the first arm. */
    public Arm baseline() {
        return arms.stream().filter(Arm::control).findFirst().orElse(arms.get(0));
    }

    /** The arm of the person or visitor known to the experiment as {@code unit}. */
    public Assignment assign(String unit) {
        long hash = Assignment.hash(id, unit);
        int bucket = Assignment.bucket(hash);
        int upTo = 0;
        for (Arm arm : arms) {
            upTo += arm.shareBasisPoints();
            if (bucket < upTo) {
                return new Assignment(id, arm, unit);
            }
        }
        throw new IllegalStateException("shares add up to " + Assignment.BUCKETS);
    }

    public double[] shares() {
        return arms.stream().mapToDouble(arm -> arm.shareBasisPoints() / (double) Assignment.BUCKETS).toArray();
    }
}
