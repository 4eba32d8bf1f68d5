package dev.pertinence.decide.service;

import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.identity.CustomerReference;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Collection;

/**
 * The one way a request reads what the core needs: PostgreSQL (profile, purchases, consents) and
 * Redis (co-purchase neighbours, contact state) into an immutable {@link Gathered}. Never fails: a
 * read that fails or runs out of time leaves its part out and says so ({@code degraded}, notes).
 * Decisions, agent cards, store visits and page layouts all gather through it; an offline replay
 * would gather from another source behind the same port.
 */
public interface Gathering {

    /** Everything a decision reads: the person, their history, neighbours, contact state, experiment arm and candidates. */
    Uni<Gathered> forDecision(DecisionQuery query, Instant now);

    /**
     * What a page layout reads: the person, their history, the neighbours of the evidence and the experiment
     * arm (by the person, else {@code visitorId}); no contact state, no offers. The learned counts are those
     * of {@code learnedKeys} (the sections' keys), frozen for the layout.
     */
    Uni<Gathered> forPage(CustomerReference customer, String visitorId, SessionContext context, Collection<String> learnedKeys,
                          Instant now);
}
