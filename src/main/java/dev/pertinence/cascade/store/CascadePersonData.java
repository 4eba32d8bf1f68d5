package dev.pertinence.cascade.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A person's cascades (their steps go with them, by foreign key): they follow a merge and go with an erasure. */
@ApplicationScoped
public class CascadePersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("cascades", "UPDATE cascade SET customer_id = $1 WHERE customer_id = $2");
    private static final Map<String, String> FORGET = Map.of("cascades", "DELETE FROM cascade WHERE customer_id = $1");

    @Override
    public String name() {
        return "cascades";
    }

    @Override
    public Set<String> columns() {
        return Set.of("cascade.customer_id");
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
