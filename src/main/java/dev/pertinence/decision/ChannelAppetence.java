package dev.pertinence.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How readily a person answers on each channel: responses (click, accept, convert) per exposure,
 * Laplace-smoothed ((responses + 1) / (shown + 2)), so a channel never tried starts at one half
 * and a few exposures do not swing it to 0 or 1. The best channel is the most responsive of those
 * the person can be reached on. Pure.
 */
public final class ChannelAppetence {

    public record Rate(String channel, long shown, long responded, double rate) {
    }

    private ChannelAppetence() {
    }

    /** Rates for {@code channels} (those never used get the prior), most responsive first; ties keep the given order. */
    public static List<Rate> rates(List<String> channels, Map<String, long[]> shownAndResponded) {
        List<Rate> rates = new ArrayList<>(channels.size());
        for (String channel : channels) {
            long[] counts = shownAndResponded.getOrDefault(channel, new long[2]);
            rates.add(new Rate(channel, counts[0], counts[1], (counts[1] + 1.0) / (counts[0] + 2.0)));
        }
        rates.sort(Comparator.comparingDouble(Rate::rate).reversed());
        return rates;
    }
}
