package dev.pertinence.decision;

import java.util.List;

/**
 * The outcome: the offers, best first; with explain, the offers left out and why (at most
 * {@link ScoringPolicy#maxDroppedListed()} listed, {@code droppedTotal} counted); and notes on
 * the decision as a whole (cold start, degraded inputs, contact caps); and the caps its offers
 * must still fit when they are reserved; and whether its offers were ranked by exploration
 * (Thompson sampling) rather than by what is known.
 */
public record Decision(List<RankedOffer> offers, List<DroppedOffer> dropped, int droppedTotal, List<String> notes,
                       ContactCaps caps, boolean explored) {

    public Decision(List<RankedOffer> offers, List<DroppedOffer> dropped, int droppedTotal, List<String> notes, ContactCaps caps) {
        this(offers, dropped, droppedTotal, notes, caps, false);
    }

    /** The decision with no offer at all, and why (a contact that cannot be made safely). */
    public Decision withdrawn(String why) {
        List<String> allNotes = new java.util.ArrayList<>(notes);
        allNotes.add(why);
        return new Decision(List.of(), dropped, droppedTotal + offers.size(), List.copyOf(allNotes), caps, explored);
    }

    /**
     * The decision keeping only the offers the atomic reservation granted (a concurrent decision
     * for the same person may have taken the last place under a cap), ranks closed up.
     */
    public Decision reserved(java.util.Set<String> granted) {
        if (granted.size() == offers.size()) {
            return this;
        }
        List<RankedOffer> kept = new java.util.ArrayList<>(granted.size());
        List<DroppedOffer> lost = new java.util.ArrayList<>(dropped);
        for (RankedOffer offer : offers) {
            if (granted.contains(offer.offer().id())) {
                kept.add(offer.at(kept.size() + 1));
            } else {
                lost.add(new DroppedOffer(offer.offer().id(), DroppedOffer.Reason.CAPPED,
                        "a concurrent decision for this person took the last place under its cap", offer.score()));
            }
        }
        List<String> allNotes = new java.util.ArrayList<>(notes);
        allNotes.add((offers.size() - kept.size()) + " offer(s) withdrawn: a concurrent decision reached a contact cap first");
        return new Decision(List.copyOf(kept), List.copyOf(lost), droppedTotal + offers.size() - kept.size(),
                List.copyOf(allNotes), caps, explored);
    }

    /**
     * The decision without the offers whose budget reservation was refused (a concurrent decision,
     * maybe on another replica, took the last of the budget or of its paced allowance), ranks
     * closed up; each refusal says why ({@link DroppedOffer.Reason#BUDGET_SPENT}, {@link DroppedOffer.Reason#PACED}).
     */
    public Decision overBudget(java.util.Map<String, DroppedOffer> refused) {
        if (refused.isEmpty()) {
            return this;
        }
        List<RankedOffer> kept = new java.util.ArrayList<>(offers.size());
        List<DroppedOffer> lost = new java.util.ArrayList<>(dropped);
        for (RankedOffer offer : offers) {
            DroppedOffer refusal = refused.get(offer.offer().id());
            if (refusal == null) {
                kept.add(offer.at(kept.size() + 1));
            } else {
                lost.add(new DroppedOffer(refusal.offerId(), refusal.reason(), refusal.detail(), offer.score()));
            }
        }
        List<String> allNotes = new java.util.ArrayList<>(notes);
        allNotes.add((offers.size() - kept.size()) + " offer(s) withdrawn: a concurrent decision took the last of their budget first");
        return new Decision(List.copyOf(kept), List.copyOf(lost), droppedTotal + offers.size() - kept.size(),
                List.copyOf(allNotes), caps, explored);
    }
}
