package dev.pertinence.privacy.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.Unavailable;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.privacy.store.ErasureStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The right to erasure. In order:
 * <ol>
 *   <li>the person's Redis state (contact pressure) is deleted: if Redis fails, nothing is erased
 *       and the answer is 503, to be retried;</li>
 *   <li>this replica's queued decision records are written (so they are unlinked with the rest);</li>
 *   <li>PostgreSQL, one transaction ({@link ErasureStore}), with a receipt that does not name the person; the
 *       person's pseudonyms in experiments (from their id and every identifier) become random ones;</li>
 *   <li>the Redis state is deleted again (a decision in between may have reserved contacts);</li>
 *   <li>five flush intervals later, decisions another replica still held in memory and wrote
 *       after step 3 are unlinked too, and the Redis state deleted once more.</li>
 * </ol>
 * The logs never carry the id: the receipt's id is what an operator quotes.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustomerResolver resolver;
    private final ErasureStore store;
    private final ContactStore contacts;
    private final DecisionRecorder recorder;
    private final Vertx vertx;
    private final Duration lateWriteDelay;
    private final Clock clock;

    public ErasureService(CustomerResolver resolver, ErasureStore store, ContactStore contacts, DecisionRecorder recorder,
                          Vertx vertx, PertinenceConfig config, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.contacts = contacts;
        this.recorder = recorder;
        this.vertx = vertx;
        this.lateWriteDelay = config.recorder().flushInterval().multipliedBy(5);
        this.clock = clock;
    }

    public Uni<ErasureStore.Erasure> erase(String customer) {
        String salt = salt();
        return resolver.require(customer, "id").chain(customerId -> contacts.forget(customerId)
                .onFailure().transform(failure -> new Unavailable("The person's contact state could not be deleted from Redis; "
                        + "nothing was erased: send the request again", Duration.ofSeconds(5), failure))
                .chain(recorder::flushNow)
                .chain(() -> store.erase(customerId, clock.instant(), salt))
                .chain(erasure -> {
                    if (erasure == null) {
                        throw ClientProblem.notFound("id", "customer", customer);
                    }
                    vertx.setTimer(lateWriteDelay.toMillis(), timer -> afterLateWrites(customerId, salt, erasure));
                    // again: a decision between the first delete and the commit may have reserved contacts
                    return contacts.forget(customerId).onFailure().invoke(failure -> LOG.errorf(failure,
                                    "Erasure %s: Redis state not deleted after the commit (it expires with its retention)", erasure.id()))
                            .onFailure().recoverWithNull().replaceWith(erasure);
                }));
    }

    /** What the person's experiment pseudonyms are replaced from: drawn per erasure, held in memory only until its late step. */
    private static String salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** Decisions another replica held in memory during the erasure, and anything they reserved, go too. */
    private void afterLateWrites(String customerId, String salt, ErasureStore.Erasure erasure) {
        store.unlinkLateDecisions(customerId, salt).call(() -> contacts.forget(customerId)).subscribe().with(
                late -> {
                    if (late > 0) {
                        LOG.infof("Erasure %s: %d decision(s) recorded late by another replica unlinked", erasure.id(), late);
                    }
                },
                failure -> LOG.errorf(failure, "Erasure %s: late decisions not unlinked", erasure.id()));
    }
}
