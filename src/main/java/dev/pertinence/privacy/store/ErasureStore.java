package dev.pertinence.privacy.store;

import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Erases a person from PostgreSQL in one transaction: every {@link PersonData} forgets its rows, in
 * turn (the profile last, its foreign keys cascade). What only concerns the person goes (profile,
 * identifiers and merged-away ids, consents, life events, purchases, exposures, coupons, cascades,
 * the audit of merges into them); what the service's aggregates are made of stays without its link
 * to them (decisions and outcomes keep offer, channel, segment, time and value; their customer
 * becomes unknown, their experiment pseudonyms random), so offer performance reads the same before
 * and after.
 */
@ApplicationScoped
public class ErasureStore {

    private static final String LOCK = "SELECT id FROM customer WHERE id = $1 FOR UPDATE";
    private static final String RECEIPT = "INSERT INTO erasure (id, erased_at, erased) VALUES ($1, $2, $3)";

    private final Pool pool;
    private final Instance<PersonData> personData;

    public ErasureStore(Pool pool, Instance<PersonData> personData) {
        this.pool = pool;
        this.personData = personData;
    }

    public record Erasure(UUID id, Instant erasedAt, Map<String, Long> erased) {
    }

    /**
     * Null when the customer does not exist (erased meanwhile). {@code salt}: random, kept only until
     * the late step ({@link PersonData#forgetLate}) has run.
     */
    public Uni<Erasure> erase(String customerId, Instant at, String salt) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(customerId)).chain(locked -> {
            if (locked.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            return PersonData.counted(personData, data -> data.forget(connection, customerId, salt))
                    .call(erased -> connection.preparedQuery(RECEIPT)
                            .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), new JsonObject(new LinkedHashMap<>(erased)))))
                    .map(erased -> new Erasure(id, at, erased));
        }));
    }
}
