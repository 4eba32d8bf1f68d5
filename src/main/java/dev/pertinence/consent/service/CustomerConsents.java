package dev.pertinence.consent.service;

import dev.pertinence.consent.store.ConsentStore;
import java.util.List;
import java.util.Map;

/** A person's stored answers, and what decisions make of them. */
public record CustomerConsents(String customerId, List<ConsentStore.Answer> answers, Effective effective) {

    /** Profiling allowed, and offers allowed per channel (an unanswered question counts as the policy says). */
    public record Effective(boolean profiling, Map<String, Boolean> offers) {
    }
}
