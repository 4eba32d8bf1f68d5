package dev.pertinence.decide.service;

import dev.pertinence.common.ThrottledLog;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decision.Cap;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decision.Decision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Holds the chosen offers under the person's contact caps, atomically in Redis: what a concurrent
 * decision for the same person took first is withdrawn. Only for a known person. A decision whose
 * caps could not be checked proposes nothing on a channel with a contact cap (a message sent too
 * many cannot be taken back), and goes on as decided on the others (docs/feedback-loop.md).
 */
@ApplicationScoped
public class Reservations {

    private static final Logger LOG = Logger.getLogger(Reservations.class);
    private final ThrottledLog redisFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final ContactStore contacts;
    private final ContactPolicy policy;
    private final StoreBudgets budgets;
    private final BudgetReservations offerBudgets;

    public Reservations(ContactStore contacts, ContactPolicy policy, StoreBudgets budgets, BudgetReservations offerBudgets) {
        this.contacts = contacts;
        this.policy = policy;
        this.budgets = budgets;
        this.offerBudgets = offerBudgets;
    }

    /** The decision as reserved; {@code redisFailed} when the reservation could not be made. */
    public record Reserved(Decision decision, boolean redisFailed) {
    }

    /**
     * The offers' budgets first (an offer whose budget a concurrent decision took is withdrawn),
     * then the person's caps; a unit held for an offer the caps then withdraw is given back.
     */
    public Uni<Reserved> reserve(UUID id, Decision decision, Gathered gathered, Instant now) {
        if (decision.offers().isEmpty()) {
            return Uni.createFrom().item(new Reserved(decision, false));
        }
        return offerBudgets.reserve(id, decision, now)
                .chain(held -> underCaps(id, held.decision(), gathered, now)
                        .call(reserved -> offerBudgets.release(id, held.held(), reserved.decision(), now))
                        .map(reserved -> held.failed() && !reserved.redisFailed() ? new Reserved(reserved.decision(), true) : reserved));
    }

    private Uni<Reserved> underCaps(UUID id, Decision decision, Gathered gathered, Instant now) {
        if (gathered.person() == null || decision.offers().isEmpty()) {
            return Uni.createFrom().item(new Reserved(decision, false));
        }
        String channel = gathered.context().channel();
        if (!gathered.contactsKnown()) {
            return Uni.createFrom().item(new Reserved(unchecked(decision, channel), false));
        }
        Map<String, Cap> offers = new LinkedHashMap<>();
        decision.offers().forEach(offer -> offers.put(offer.offer().id(), offer.offer().frequencyCap(policy)));
        return budgets.redis(
                () -> contacts.reserve(gathered.person().id(), id.toString(), channel, offers, decision.caps(),
                        policy.reservationHold(), policy.lookBack(), now, gathered.contacts()).map(held -> new Reserved(decision.reserved(held), false)),
                failure -> {
                    redisFailures.warn("Decision offers not reserved under contact caps", failure);
                    return new Reserved(unchecked(decision, channel), true);
                });
    }

    /**
     * What {@link #reserve} would answer, without holding anything (a rehearsal, a dry run): the
     * caps as gathered already shaped the decision; only a capped channel whose contact state could
     * not be read proposes nothing, as a real decision would. No Redis call.
     */
    public Reserved unreserved(Decision decision, Gathered gathered) {
        if (gathered.person() == null || decision.offers().isEmpty() || gathered.contactsKnown()) {
            return new Reserved(decision, false);
        }
        return new Reserved(unchecked(decision, gathered.context().channel()), false);
    }

    /** Nothing on a channel with a contact cap, as decided on the others. */
    private Decision unchecked(Decision decision, String channel) {
        return policy.channelCaps().containsKey(channel)
                ? decision.withdrawn("Nothing proposed on " + channel + ": its contact cap could not be checked") : decision;
    }
}
