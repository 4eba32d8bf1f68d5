package dev.pertinence.decision;

import java.time.Instant;

/**
 * One offer of one decision as the contact history holds it.
 *
 * @param at when it was reserved by the decision, or shown (the impression's time)
 */
public record Exposure(String decisionId, String offerId, String channel, Instant at, Status status) {

    public enum Status {
        /** Proposed by a decision, not (yet) reported shown: counts against caps for the reservation hold. */
        RESERVED,
        /** Reported shown, no response (yet). */
        SHOWN,
        /** Clicked, accepted or converted. */
        ANSWERED,
        /** Refused or dismissed: a response all the same. */
        DECLINED
    }

    public boolean responded() {
        return status == Status.ANSWERED || status == Status.DECLINED;
    }
}
