package dev.pertinence.outcome.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A person's outcomes: they follow a merge; an erasure keeps them without their link to the person,
 * so offer performance and learned rates read the same before and after.
 */
@ApplicationScoped
public class OutcomePersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("outcomes", "UPDATE outcome SET customer_id = $1 WHERE customer_id = $2");
    private static final Map<String, String> FORGET = Map.of("outcomesUnlinked", "UPDATE outcome SET customer_id = NULL WHERE customer_id = $1");

    @Override
    public String name() {
        return "outcomes";
    }

    @Override
    public Set<String> columns() {
        return Set.of("outcome.customer_id");
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
