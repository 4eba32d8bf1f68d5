package dev.pertinence.identity.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A person's identifiers and the audit of merges: a merge gives the survivor the merged person's
 * identifiers and the merges into them (the merge's own alias and audit row are {@link MergeStore}'s);
 * an erasure deletes the identifiers (merged-away ids included) and every merge record naming them.
 */
@ApplicationScoped
public class IdentityPersonData implements PersonData {

    private static final Map<String, String> FOLD = new LinkedHashMap<>();
    private static final Map<String, String> FORGET = new LinkedHashMap<>();

    static {
        FOLD.put("identifiers", "UPDATE customer_identifier SET customer_id = $1 WHERE customer_id = $2");
        FOLD.put("earlierMerges", "UPDATE customer_merge SET survivor_id = $1 WHERE survivor_id = $2");
        FORGET.put("identifiers", "DELETE FROM customer_identifier WHERE customer_id = $1");
        FORGET.put("mergeRecords", "DELETE FROM customer_merge WHERE survivor_id = $1 OR merged_id = $1");
    }

    @Override
    public String name() {
        return "identifiers";
    }

    @Override
    public Set<String> columns() {
        return Set.of("customer_identifier.customer_id", "customer_merge.survivor_id", "customer_merge.merged_id");
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
