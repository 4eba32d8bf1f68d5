package dev.pertinence.consent.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A person's consents: a merge keeps the newer answer of the two; an erasure deletes them. */
@ApplicationScoped
public class ConsentPersonData implements PersonData {

    /**
     * Per purpose and channel, the newer answer of the two; the merged person's own rows go with their
     * profile (the {@code customer} row's foreign key cascades).
     */
    private static final Map<String, String> FOLD = Map.of("consents", """
            INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
            SELECT $1, purpose, channel, granted, source, recorded_at FROM consent WHERE customer_id = $2
            ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET
                granted = EXCLUDED.granted, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
            WHERE consent.recorded_at < EXCLUDED.recorded_at""");
    private static final Map<String, String> FORGET = Map.of("consents", "DELETE FROM consent WHERE customer_id = $1");

    @Override
    public String name() {
        return "consents";
    }

    @Override
    public Set<String> columns() {
        return Set.of("consent.customer_id");
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
