package dev.pertinence.identity.store;

import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Folds one customer into another in PostgreSQL, in one transaction: everything that pointed at
 * the merged customer points at the survivor (each {@link PersonData} moves its own rows), the merged
 * id becomes an alias of the survivor, and an audit row says what moved.
 */
@ApplicationScoped
public class MergeStore {

    /** Both rows locked in a stable order: two merges touching the same customers run one after the other. */
    private static final String LOCK = "SELECT id FROM customer WHERE id = ANY($1) ORDER BY id FOR UPDATE";
    private static final String ALIAS = """
            INSERT INTO customer_identifier (reference, type, customer_id, source, added_at) VALUES ($2, 'merged', $1, 'merge', $3)
            ON CONFLICT (reference) DO UPDATE SET customer_id = EXCLUDED.customer_id""";
    private static final String AUDIT = """
            INSERT INTO customer_merge (id, survivor_id, merged_id, reason, moved, merged_at) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String HISTORY = """
            SELECT id, survivor_id, merged_id, reason, moved, merged_at FROM customer_merge
            WHERE survivor_id = $1 ORDER BY merged_at DESC, id""";

    private final Pool pool;
    private final Instance<PersonData> personData;

    public MergeStore(Pool pool, Instance<PersonData> personData) {
        this.pool = pool;
        this.personData = personData;
    }

    public record Merge(UUID id, String survivorId, String mergedId, String reason, Map<String, Long> moved, Instant mergedAt) {
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}: every {@link PersonData} folds its rows, in turn
     * (the merged profile last); {@code movedOutside} (folded in Redis beforehand) is recorded with the
     * rest. Empty when either customer no longer exists.
     */
    public Uni<Merge> merge(String survivorId, String mergedId, String reason, Map<String, Long> movedOutside, Instant at) {
        UUID id = UUID.randomUUID();
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(new String[] {survivorId, mergedId}))
                .chain(locked -> {
                    if (locked.size() < 2) {
                        return Uni.createFrom().nullItem();
                    }
                    return PersonData.counted(personData, data -> data.fold(connection, survivorId, mergedId, at)).chain(counts -> {
                        Map<String, Long> moved = new LinkedHashMap<>(counts);
                        moved.putAll(movedOutside);
                        return connection.preparedQuery(ALIAS).execute(Tuple.of(survivorId, mergedId, when))
                                .chain(() -> connection.preparedQuery(AUDIT).execute(Tuple.tuple().addUUID(id).addString(survivorId)
                                        .addString(mergedId).addString(reason)
                                        .addJsonObject(new JsonObject(new LinkedHashMap<>(moved))).addOffsetDateTime(when)))
                                .map(done -> new Merge(id, survivorId, mergedId, reason, moved, at));
                    });
                }));
    }

    /** The merges into this customer, newest first. */
    public Uni<List<Merge>> history(String survivorId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(survivorId)).map(rows -> {
            List<Merge> merges = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Long> moved = new LinkedHashMap<>();
                row.getJsonObject("moved").forEach(entry -> moved.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
                merges.add(new Merge(row.getUUID("id"), row.getString("survivor_id"), row.getString("merged_id"),
                        row.getString("reason"), moved, row.getOffsetDateTime("merged_at").toInstant()));
            }
            return merges;
        });
    }
}
