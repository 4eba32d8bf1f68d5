package dev.pertinence.evaluation;

/**
 * A figure and its 95 % interval; the bounds are null when there are too few cases to give one
 * (fewer than two for a mean).
 */
public record Estimate(double value, Double low, Double high) {
}
