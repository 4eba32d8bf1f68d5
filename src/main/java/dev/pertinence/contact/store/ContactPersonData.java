package dev.pertinence.contact.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A person's contact history: exposures in PostgreSQL, contact pressure in Redis
 * ({@link ContactKeys}). A merge adds the merged person's pressure to the survivor's (a capped
 * person stays capped); an erasure deletes both.
 */
@ApplicationScoped
public class ContactPersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("exposures", "UPDATE exposure SET customer_id = $1 WHERE customer_id = $2");
    private static final Map<String, String> FORGET = Map.of("exposures", "DELETE FROM exposure WHERE customer_id = $1");

    private final ContactStore contacts;
    private final ContactPolicy policy;

    public ContactPersonData(ContactStore contacts, ContactPolicy policy) {
        this.contacts = contacts;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "contact state";
    }

    @Override
    public Set<String> columns() {
        return Set.of("exposure.customer_id");
    }

    @Override
    public Set<String> keys() {
        return Set.of(ContactKeys.contacts("*"));
    }

    /** The survivor's key then lives as long as the policy looks back, as after any contact. */
    @Override
    public Uni<Map<String, Long>> foldKeys(String survivorId, String mergedId) {
        return contacts.fold(mergedId, survivorId, policy.lookBack()).map(folded -> Map.of("contactEntries", (long) folded));
    }

    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return CountedStatements.run(connection, FOLD, Tuple.of(survivorId, mergedId));
    }

    @Override
    public Uni<Void> forgetKeys(String personId) {
        return contacts.forget(personId);
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        return CountedStatements.run(connection, FORGET, Tuple.of(personId));
    }
}
