package dev.pertinence.decide.store;

import dev.pertinence.decide.PastDecision;
import dev.pertinence.decision.PageOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Recorded decisions read back as they were answered (one, or a person's newest first, a page at a
 * time: keyset paging on {@code decision_customer}), and their retention: old answers deleted in
 * bounded batches.
 */
@ApplicationScoped
public class DecisionHistory {

    private static final String COLUMNS = "id, customer_id, segment, channel, placement, model_version, offers, decided_at, "
            + "experiment_id, arm, explored, answer";
    private static final String ONE = "SELECT " + COLUMNS + " FROM decision WHERE id = $1";
    private static final String FIRST = "SELECT " + COLUMNS + " FROM decision WHERE customer_id = $1 "
            + "ORDER BY decided_at DESC, id DESC LIMIT $2";
    private static final String AFTER = "SELECT " + COLUMNS + " FROM decision WHERE customer_id = $1 "
            + "AND (decided_at, id) < ($3, $4) ORDER BY decided_at DESC, id DESC LIMIT $2";
    /**
     * One batch of the oldest answers past the cutoff: a decision that attributes something (an
     * outcome or an exposure refers to it, or it counts in an experiment's results) keeps its row and
     * loses its answer; any other is deleted. Rows another purge holds are skipped, so replicas
     * purging at once share the work; nothing a decision does waits on these locks (decisions only
     * insert new rows). An outcome arriving for a row while it is deleted finds no decision.
     */
    private static final String PURGE = """
            WITH old AS (
                SELECT d.id, d.experiment_id IS NOT NULL
                             OR EXISTS (SELECT 1 FROM outcome o WHERE o.decision_id = d.id)
                             OR EXISTS (SELECT 1 FROM exposure e WHERE e.decision_id = d.id) AS attributes
                FROM decision d WHERE d.answer IS NOT NULL AND d.decided_at < $1
                ORDER BY d.decided_at LIMIT $2 FOR UPDATE SKIP LOCKED
            ), kept AS (
                UPDATE decision d SET answer = NULL FROM old WHERE d.id = old.id AND old.attributes RETURNING 1
            ), deleted AS (
                DELETE FROM decision d USING old WHERE d.id = old.id AND NOT old.attributes RETURNING 1
            )
            SELECT (SELECT count(*) FROM kept) AS kept, (SELECT count(*) FROM deleted) AS deleted""";

    private final Pool pool;

    public DecisionHistory(Pool pool) {
        this.pool = pool;
    }

    /** What one purge batch did: answers deleted from rows kept for attribution, rows deleted. */
    public record Purged(long answersDeleted, long rowsDeleted) {

        public long total() {
            return answersDeleted + rowsDeleted;
        }
    }

    /** The decision, or null when PostgreSQL has none by this id. */
    public Uni<PastDecision> find(UUID id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : decision(rows.iterator().next()));
    }

    /** Up to {@code limit} decisions of the customer (resolved by the caller), newest first, older than the cursor. */
    public Uni<List<PastDecision>> page(String customerId, int limit, PastDecision.Cursor after) {
        Uni<RowSet<Row>> rows = after == null
                ? pool.preparedQuery(FIRST).execute(Tuple.of(customerId, (long) limit))
                : pool.preparedQuery(AFTER).execute(Tuple.of(customerId, (long) limit,
                        after.decidedAt().atOffset(ZoneOffset.UTC), after.id()));
        return rows.map(found -> {
            List<PastDecision> page = new ArrayList<>(found.size());
            found.forEach(row -> page.add(decision(row)));
            return page;
        });
    }

    /** One batch of the purge: at most {@code batch} of the oldest answers of decisions made before {@code cutoff}. */
    public Uni<Purged> purge(Instant cutoff, int batch) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), (long) batch)).map(rows -> {
            Row row = rows.iterator().next();
            return new Purged(row.getLong("kept"), row.getLong("deleted"));
        });
    }

    private static PastDecision decision(Row row) {
        JsonObject answer = (JsonObject) row.getValue("answer");
        List<PastDecision.Shown> shown = answer == null ? List.of() : AnswerJson.shown(answer);
        JsonArray offers = (JsonArray) row.getValue("offers");
        List<PastDecision.Offer> ranked = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            JsonObject offer = offers.getJsonObject(i);
            ranked.add(new PastDecision.Offer(offer.getString("offerId"), offer.getInteger("rank"), offer.getDouble("score"),
                    i < shown.size() ? shown.get(i) : null, offer.getDouble("propensity", 1.0)));
        }
        Boolean explored = row.getBoolean("explored");
        List<PastDecision.Section> sections = List.of();
        if (!ranked.isEmpty() && ranked.stream().allMatch(offer -> PageOrder.isSectionKey(offer.offerId()))) {
            sections = AnswerJson.sections(ranked, row.getString("placement"), answer);
            ranked = List.of();
        }
        return new PastDecision(row.getUUID("id"), row.getString("customer_id"), row.getString("segment"),
                row.getString("channel"), row.getString("placement"), row.getString("model_version"),
                row.getOffsetDateTime("decided_at").toInstant(), row.getString("experiment_id"), row.getString("arm"),
                Boolean.TRUE.equals(explored), List.copyOf(ranked), answer != null,
                answer == null ? null : AnswerJson.context(answer), answer == null ? List.of() : AnswerJson.notes(answer),
                answer == null ? List.of() : AnswerJson.degraded(answer), sections);
    }
}
