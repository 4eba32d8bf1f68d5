package dev.pertinence.identity.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.identity.PersonData;
import dev.pertinence.identity.store.MergeStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Folds a customer into another when two profiles turn out to be one person. Each step runs every
 * {@link PersonData} in turn (what each holds is its own business). Order matters:
 * <ol>
 *   <li>this replica's pending writes are made ({@link PersonData#flush}: the queued decision
 *       records), so none lands under the old id after; a failure fails the merge;</li>
 *   <li>the merged person's Redis state is added to the survivor's ({@link PersonData#foldKeys}: the
 *       contact-pressure entries; idempotent, so if the rest fails the survivor counts more contacts,
 *       never fewer); a failure fails the merge;</li>
 *   <li>PostgreSQL repoints everything in one transaction, with an audit row ({@link MergeStore});</li>
 *   <li>the merged person's Redis keys are removed ({@link PersonData#forgetKeys}); a failure is
 *       only logged (they expire with their retention).</li>
 * </ol>
 * A capped person stays capped: the pressure never resets by merging.
 */
@ApplicationScoped
public class MergeService {

    private static final Logger LOG = Logger.getLogger(MergeService.class);

    private final CustomerResolver resolver;
    private final MergeStore store;
    private final Instance<PersonData> personData;
    private final Clock clock;

    public MergeService(CustomerResolver resolver, MergeStore store, Instance<PersonData> personData, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.personData = personData;
        this.clock = clock;
    }

    public Uni<MergeStore.Merge> merge(String survivor, MergeCommand request) {
        return resolver.require(survivor, "id").chain(survivorId -> resolver.require(request.from(), "from").chain(mergedId -> {
            if (mergedId.equals(survivorId)) {
                throw ClientProblem.conflict("from", "'" + request.from() + "' is already customer " + survivorId);
            }
            String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
            return PersonData.inTurn(personData, PersonData::flush)
                    .chain(() -> PersonData.counted(personData, data -> data.foldKeys(survivorId, mergedId)))
                    .chain(movedOutside -> store.merge(survivorId, mergedId, reason, movedOutside, clock.instant()))
                    .chain(merge -> {
                        if (merge == null) {
                            throw ClientProblem.conflict("from", "one of the two customers was merged or erased meanwhile; try again");
                        }
                        return PersonData.inTurn(personData, data -> data.forgetKeys(mergedId)
                                        .onFailure().invoke(failure -> LOG.warn("Merged customer's " + data.name() + " not removed from "
                                                + "Redis (it expires with its retention)", failure))
                                        .onFailure().recoverWithNull())
                                .replaceWith(merge);
                    });
        }));
    }

    public Uni<List<MergeStore.Merge>> history(String survivor) {
        return resolver.require(survivor, "id").chain(store::history);
    }
}
