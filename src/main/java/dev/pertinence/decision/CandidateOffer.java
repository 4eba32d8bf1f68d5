package dev.pertinence.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
 * @param proposeWhenInCart proposed even when every target SKU is already in the cart (e.g. a discount on the cart's
 *                         own item); false: such an offer is left out ({@link DroppedOffer.Reason#IN_CART})
 * @param excludeBoughtWithin left out for a person whose history holds every target SKU bought within this period
 *                         ({@link DroppedOffer.Reason#BOUGHT_RECENTLY}); null: never
 * @param talkingPoints    what an agent says about it on the phone, written by marketing (empty: none)
 * @param budget           its volume budget; null: none
 */
public record CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                             Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                             double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                             MessageTemplate template, MessageFields.Reliability reliability, boolean proposeWhenInCart,
                             Duration excludeBoughtWithin, List<String> talkingPoints, OfferBudget budget) {

    public CandidateOffer {
        talkingPoints = talkingPoints == null ? List.of() : List.copyOf(talkingPoints);
    }

    /** Without talking points nor budget. */
    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                          MessageTemplate template, MessageFields.Reliability reliability, boolean proposeWhenInCart,
                          Duration excludeBoughtWithin) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                lifeEvent, template, reliability, proposeWhenInCart, excludeBoughtWithin, List.of(), null);
    }

    /** With a budget, the rest as by default. */
    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                          MessageTemplate template, MessageFields.Reliability reliability, OfferBudget budget) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                lifeEvent, template, reliability, false, null, List.of(), budget);
    }

    public CandidateOffer(String id, String title, String message, String category, Set<String> targetSkus,
                          Set<String> targetCategories, Instant validFrom, Instant validUntil, double value,
                          double lever, EligibilityRule rule, Cap frequencyCap, LifeEventTarget lifeEvent,
                          MessageTemplate template, MessageFields.Reliability reliability) {
        this(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever, rule, frequencyCap,
                lifeEvent, template, reliability, false, null, List.of(), null);
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

    /** The same offer under another eligibility rule (a draft strategy's, simulated before it is saved). */
    public CandidateOffer withRule(EligibilityRule other) {
        return new CandidateOffer(id, title, message, category, targetSkus, targetCategories, validFrom, validUntil, value, lever,
                other, frequencyCap, lifeEvent, template, reliability, proposeWhenInCart, excludeBoughtWithin, talkingPoints, budget);
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

    /**
     * What it promotes is already in the cart: every target SKU is (an offer with none, or with a
     * target outside the cart, still has something to add), and it did not opt in to being proposed then.
     */
    public boolean alreadyInCart(List<String> cart) {
        return !proposeWhenInCart && !targetSkus.isEmpty() && !cart.isEmpty() && cart.containsAll(targetSkus);
    }

    /** The person bought every target SKU within {@code excludeBoughtWithin} before {@code now} (history newest first). */
    public boolean boughtRecently(List<PastPurchase> history, Instant now) {
        if (excludeBoughtWithin == null || targetSkus.isEmpty() || history.isEmpty()) {
            return false;
        }
        Instant since = now.minus(excludeBoughtWithin);
        Set<String> notBought = new HashSet<>(targetSkus);
        for (PastPurchase purchase : history) {
            if (!purchase.purchasedAt().isBefore(since) && notBought.remove(purchase.sku()) && notBought.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
