package dev.pertinence.outcome;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a person did with an offer they were shown, weakest to strongest answer. */
public enum OutcomeType {
    @JsonProperty("impression") IMPRESSION,
    @JsonProperty("dismiss") DISMISS,
    @JsonProperty("refuse") REFUSE,
    @JsonProperty("click") CLICK,
    @JsonProperty("accept") ACCEPT,
    @JsonProperty("convert") CONVERT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutcomeType fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Any answer, positive or not: the person responded. */
    public boolean isResponse() {
        return this != IMPRESSION;
    }
}
