package dev.pertinence.customer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far a profile field can be trusted, from most to least. */
public enum Reliability {
    @JsonProperty("verified") VERIFIED,
    @JsonProperty("declared") DECLARED,
    @JsonProperty("inferred") INFERRED
}
