package dev.pertinence.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The touchpoints a decision or a purchase can come from. */
public enum Channel {
    @JsonProperty("web") WEB,
    @JsonProperty("app") APP,
    @JsonProperty("call_centre") CALL_CENTRE,
    @JsonProperty("email") EMAIL,
    @JsonProperty("sms") SMS,
    @JsonProperty("store") STORE;

    /** The wire name, also used in storage, metrics tags and rules ({@code context.channel}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
