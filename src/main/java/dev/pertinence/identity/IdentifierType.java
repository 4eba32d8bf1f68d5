package dev.pertinence.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The kinds of identifier that can point at a customer. The wire name is also the reference prefix. */
public enum IdentifierType {
    @JsonProperty("email") EMAIL,
    @JsonProperty("phone") PHONE,
    @JsonProperty("loyalty") LOYALTY,
    @JsonProperty("device") DEVICE,
    @JsonProperty("cookie") COOKIE,
    @JsonProperty("crm") CRM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type whose wire name is {@code wire}, or null. */
    public static IdentifierType fromWire(String wire) {
        for (IdentifierType type : values()) {
            if (type.wire().equals(wire)) {
                return type;
            }
        }
        return null;
    }
}
