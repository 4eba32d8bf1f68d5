package dev.pertinence.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The moments an offer can be for; the wire name is also the stored one. */
public enum LifeEventType {
    @JsonProperty("birthday") BIRTHDAY,
    @JsonProperty("child_birthday") CHILD_BIRTHDAY,
    @JsonProperty("wedding") WEDDING,
    @JsonProperty("birth") BIRTH,
    @JsonProperty("baptism") BAPTISM,
    @JsonProperty("moving_house") MOVING_HOUSE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Birthdays and weddings come back every year; a birth, a baptism or a move happens once. */
    public boolean recursByDefault() {
        return this == BIRTHDAY || this == CHILD_BIRTHDAY || this == WEDDING;
    }
}
