package dev.pertinence.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a consent is for: receiving offers (per channel), or profiling (every channel at once). */
public enum ConsentPurpose {
    @JsonProperty("offers") OFFERS,
    @JsonProperty("profiling") PROFILING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
