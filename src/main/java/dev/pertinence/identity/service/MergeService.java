package dev.pertinence.identity.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.identity.store.MergeStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Folds a customer into another when two profiles turn out to be one person. Order matters:
 * <ol>
 *   <li>this replica's pending decision records are written, so none lands under the old id after;</li>
 *   <li>the merged person's contact-pressure entries are added to the survivor's in Redis
 *       (idempotent; if the rest fails, the survivor counts more contacts, never fewer);</li>
 *   <li>PostgreSQL repoints everything in one transaction, with an audit row;</li>
 *   <li>the merged person's Redis entries are removed.</li>
 * </ol>
 * A capped person stays capped: the pressure never resets by merging.
 */
@ApplicationScoped
public class MergeService {

    private static final Logger LOG = Logger.getLogger(MergeService.class);

    private final CustomerResolver resolver;
    private final MergeStore store;
    private final ContactStore contacts;
    private final DecisionRecorder recorder;
    private final ContactPolicy policy;
    private final Clock clock;

    public MergeService(CustomerResolver resolver, MergeStore store, ContactStore contacts, DecisionRecorder recorder,
                        ContactPolicy policy, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.contacts = contacts;
        this.recorder = recorder;
        this.policy = policy;
        this.clock = clock;
    }

    public Uni<MergeStore.Merge> merge(String survivor, MergeCommand request) {
        return resolver.require(survivor, "id").chain(survivorId -> resolver.require(request.from(), "from").chain(mergedId -> {
            if (mergedId.equals(survivorId)) {
                throw ClientProblem.conflict("from", "'" + request.from() + "' is already customer " + survivorId);
            }
            String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
            return recorder.flushNow()
                    .chain(() -> contacts.fold(mergedId, survivorId, policy.lookBack()))
                    .chain(folded -> store.merge(survivorId, mergedId, reason, folded, clock.instant()))
                    .chain(merge -> {
                        if (merge == null) {
                            throw ClientProblem.conflict("from", "one of the two customers was merged or erased meanwhile; try again");
                        }
                        return contacts.forget(mergedId)
                                .onFailure().invoke(failure -> LOG.warn("Merged customer's contact entries not removed from "
                                        + "Redis (they expire with their retention)", failure))
                                .onFailure().recoverWithNull()
                                .replaceWith(merge);
                    });
        }));
    }

    public Uni<List<MergeStore.Merge>> history(String survivor) {
        return resolver.require(survivor, "id").chain(store::history);
    }
}
