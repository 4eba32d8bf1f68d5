package dev.pertinence.purchase.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A person's purchases: they follow a merge and go with an erasure (the co-purchase model keeps only pair counts). */
@ApplicationScoped
public class PurchasePersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("purchases", "UPDATE purchase SET customer_id = $1 WHERE customer_id = $2");
    private static final Map<String, String> FORGET = Map.of("purchases", "DELETE FROM purchase WHERE customer_id = $1");

    @Override
    public String name() {
        return "purchases";
    }

    @Override
    public Set<String> columns() {
        return Set.of("purchase.customer_id");
    }

    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return CountedStatements.run(connection, FOLD, Tuple.of(survivorId, mergedId));
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        return CountedStatements.run(connection, FORGET, Tuple.of(personId));
    }
}
