package dev.pertinence.decision;

import java.time.Instant;
import java.util.List;

/**
 * A person's recent exposures and refusals, as far back as the contact policy looks.
 *
 * @param exposures newest first
 * @param refusals  newest first
 */
public record ContactHistory(List<Exposure> exposures, List<Refusal> refusals) {

    public static final ContactHistory NONE = new ContactHistory(List.of(), List.of());

    /** A refusal of an offer; its category, when it had one, suppresses the category too. */
    public record Refusal(String offerId, String category, Instant at) {
    }
}
