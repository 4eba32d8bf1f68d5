package dev.pertinence.decision;

import java.time.Instant;
import java.util.Set;

/**
 * An active offer as the decision core sees it: what it promotes, its business weights, when it
 * is valid and its compiled rule.
 *
 * @param targetSkus       products the offer promotes; with the categories, empty for a service offer
 * @param targetCategories categories the offer promotes
 * @param value            business value set by marketing (margin, priority), > 0
 * @param lever            marketing weight per offer, > 0, 1 = neutral
 * @param frequencyCap     exposures per person this offer allows; null: the contact policy's default
 * @param lifeEvent        the moment the offer is for (eligible only around it); null: any time
 * @param template         the message as a template over the person (its {@code message} is the source)
 * @param reliability      the least reliable profile field its message may use (else the field's fallback)
 * @param budget           its volume budget; null: none
 */
public record CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                             Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                             double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                             MessageTemplate template, MessageFields.Reliability reliability, OfferBudget budget) {

    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                          MessageTemplate template, MessageFields.Reliability reliability) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                lifeEvent, template, reliability, null);
    }

    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                lifeEvent, MessageTemplate.plain(message), MessageFields.Reliability.DECLARED);
    }

    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                null);
    }

    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, null);
    }

    /** The exposures per person this offer allows under {@code policy}. */
    public Cap frequencyCap(ContactPolicy policy) {
        return frequencyCap == null ? policy.offerCap() : frequencyCap;
    }

    public boolean validAt(Instant now) {
        return (validFrom == null || !now.isBefore(validFrom)) && (validUntil == null || now.isBefore(validUntil));
    }

    public boolean targetsNothing() {
        return targetSkus.isEmpty() && targetCategories.isEmpty();
    }
}
