package dev.pertinence.consent;

import java.time.Instant;

/**
 * One answer a person gave, as received: offers on a channel, or profiling (no channel); source and
 * time may be null (then 'api' and now).
 */
public record ConsentAnswer(ConsentPurpose purpose, ConsentChannel channel, boolean granted, String source, Instant recordedAt) {
}
