package dev.pertinence.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The channels a person consents to be reached on. */
public enum ConsentChannel {
    @JsonProperty("email") EMAIL,
    @JsonProperty("sms") SMS,
    @JsonProperty("phone") PHONE,
    @JsonProperty("push") PUSH,
    @JsonProperty("in_app") IN_APP,
    @JsonProperty("postal") POSTAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentChannel fromWire(String wire) {
        for (ConsentChannel channel : values()) {
            if (channel.wire().equals(wire)) {
                return channel;
            }
        }
        return null;
    }
}
