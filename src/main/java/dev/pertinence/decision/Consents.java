package dev.pertinence.decision;

import java.util.Map;

/**
 * What a person answered, per purpose and channel ({@code offers:email}, {@code profiling:*}):
 * true granted, false refused; absent when never asked. Pure data.
 */
public record Consents(Map<String, Boolean> answers) {

    public static final Consents NONE = new Consents(Map.of());

    /** The channel of a purpose that is not per channel (profiling). */
    public static final String ANY_CHANNEL = "*";

    public static String key(String purpose, String channel) {
        return purpose + ":" + (channel == null ? ANY_CHANNEL : channel);
    }

    /** The person's answer, or null when they never gave one. */
    public Boolean answer(String purpose, String channel) {
        return answers.get(key(purpose, channel));
    }
}
