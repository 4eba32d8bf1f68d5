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

    /** Parses a wire name given outside a JSON body (a query parameter), refusing unknown ones with a problem. */
    public static Channel fromWire(String value, String field) {
        for (Channel channel : values()) {
            if (channel.wire().equals(value)) {
                return channel;
            }
        }
        throw dev.pertinence.common.problem.ClientProblem.invalid(field, field + ": '"
                + dev.pertinence.common.problem.LogSafe.value(value) + "' is not one of [web, app, call_centre, email, sms, store]");
    }

    /** The wire name, also used in storage, metrics tags and rules ({@code context.channel}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
