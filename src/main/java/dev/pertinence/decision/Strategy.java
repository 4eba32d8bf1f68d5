package dev.pertinence.decision;

import java.util.Map;

/**
 * How a decision ranks the offers that pass eligibility, consent and contact policy: the
 * strategy of an experiment arm ({@link #PERSONALISED} outside any experiment).
 *
 * @param kind        which terms of the score count (see {@link Kind})
 * @param levers      levers replacing the catalogue's for these offers (a "lever set" variant); empty for none
 * @param exploration share of decisions (0..1) that rank by Thompson sampling instead of the learned mean
 */
public record Strategy(Kind kind, Map<String, Double> levers, double exploration) {

    public static final Strategy PERSONALISED = new Strategy(Kind.PERSONALISED, Map.of(), 0.0);

    public enum Kind {
        /** The full score: co-purchase affinity, popularity, learned lift, context, novelty. */
        PERSONALISED,
        /** The full score without the co-purchase affinity term. */
        NO_COPURCHASE,
        /** The full score without the learned lift (what people answered). */
        NO_LEARNING,
        /** No personalisation: eligible offers ordered by business value × lever alone. */
        CONTROL
    }

    public Strategy {
        levers = Map.copyOf(levers);
        if (!(exploration >= 0.0 && exploration <= 1.0)) {
            throw new IllegalArgumentException("exploration is a share between 0 and 1");
        }
        if (exploration > 0.0 && !(kind == Kind.PERSONALISED || kind == Kind.NO_COPURCHASE)) {
            throw new IllegalArgumentException("only a strategy that learns from responses explores (Thompson sampling draws from them)");
        }
    }

    /** The offer's lever under this strategy. */
    public double lever(CandidateOffer offer) {
        Double lever = levers.get(offer.id());
        return lever == null ? offer.lever() : lever;
    }

    public boolean personal() {
        return kind != Kind.CONTROL;
    }

    boolean coPurchase() {
        return kind == Kind.PERSONALISED || kind == Kind.NO_LEARNING;
    }

    boolean learning() {
        return kind == Kind.PERSONALISED || kind == Kind.NO_COPURCHASE;
    }
}
