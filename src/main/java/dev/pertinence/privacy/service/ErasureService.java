package dev.pertinence.privacy.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.Unavailable;
import dev.pertinence.identity.PersonData;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.privacy.store.ErasureStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The right to erasure. Each step runs every {@link PersonData} in turn (what each holds is its own
 * business). In order:
 * <ol>
 *   <li>the person's Redis state (contact pressure) is deleted ({@link PersonData#forgetKeys}): if
 *       Redis fails, nothing is erased and the answer is 503, to be retried;</li>
 *   <li>this replica's queued writes are made ({@link PersonData#flush}: the decision records, so
 *       they are unlinked with the rest);</li>
 *   <li>PostgreSQL, one transaction ({@link ErasureStore}), with a receipt that does not name the person; the
 *       person's pseudonyms in experiments (from their id and every identifier) become random ones;</li>
 *   <li>the Redis state is deleted again (a decision in between may have reserved contacts); a
 *       failure is logged;</li>
 *   <li>five flush intervals later, decisions another replica still held in memory and wrote
 *       after step 3 are unlinked too ({@link PersonData#forgetLate}), and the Redis state deleted
 *       once more; a failure is logged.</li>
 * </ol>
 * The logs never carry the id: the receipt's id is what an operator quotes.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustomerResolver resolver;
    private final ErasureStore store;
    private final Instance<PersonData> personData;
    private final Vertx vertx;
    private final Duration lateWriteDelay;
    private final Clock clock;

    public ErasureService(CustomerResolver resolver, ErasureStore store, Instance<PersonData> personData,
                          Vertx vertx, PertinenceConfig config, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.personData = personData;
        this.vertx = vertx;
        this.lateWriteDelay = config.recorder().flushInterval().multipliedBy(5);
        this.clock = clock;
    }

    public Uni<ErasureStore.Erasure> erase(String customer) {
        String salt = salt();
        return resolver.require(customer, "id").chain(customerId -> forgetKeys(customerId)
                .onFailure().transform(failure -> new Unavailable("The person's contact state could not be deleted from Redis; "
                        + "nothing was erased: send the request again", Duration.ofSeconds(5), failure))
                .chain(() -> PersonData.inTurn(personData, PersonData::flush))
                .chain(() -> store.erase(customerId, clock.instant(), salt))
                .chain(erasure -> {
                    if (erasure == null) {
                        throw ClientProblem.notFound("id", "customer", customer);
                    }
                    vertx.setTimer(lateWriteDelay.toMillis(), timer -> afterLateWrites(customerId, salt, erasure));
                    // again: a decision between the first delete and the commit may have reserved contacts
                    return forgetKeys(customerId).onFailure().invoke(failure -> LOG.errorf(failure,
                                    "Erasure %s: Redis state not deleted after the commit (it expires with its retention)", erasure.id()))
                            .onFailure().recoverWithNull().replaceWith(erasure);
                }));
    }

    /** The person's Redis keys, of every kind; the first failure stops the rest (all are tried again later). */
    private Uni<Void> forgetKeys(String customerId) {
        return PersonData.inTurn(personData, data -> data.forgetKeys(customerId)).replaceWithVoid();
    }

    /** What the person's experiment pseudonyms are replaced from: drawn per erasure, held in memory only until its late step. */
    private static String salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** Decisions another replica held in memory during the erasure, and anything they reserved, go too. */
    private void afterLateWrites(String customerId, String salt, ErasureStore.Erasure erasure) {
        PersonData.inTurn(personData, data -> data.forgetLate(customerId, salt))
                .map(counts -> counts.stream().mapToLong(Long::longValue).sum())
                .call(() -> forgetKeys(customerId))
                .subscribe().with(late -> {
                    if (late > 0) {
                        LOG.infof("Erasure %s: %d decision(s) recorded late by another replica unlinked", erasure.id(), late);
                    }
                }, failure -> LOG.errorf(failure, "Erasure %s: late decisions not unlinked", erasure.id()));
    }
}
