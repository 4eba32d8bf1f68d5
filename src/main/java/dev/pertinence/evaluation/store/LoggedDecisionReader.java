package dev.pertinence.evaluation.store;

import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.evaluation.LoggedDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The decisions an off-policy estimate learns from, and their answers: read-only, in one transaction with the
 * bulk statement timeout, blocking (from a worker thread only). Decisions are read newest first through the
 * index on the time of the answers still kept ({@code decision_answer_age}): a decision whose answer is gone
 * (past {@code pertinence.decisions.retention}, or its person erased) has lost the context a replay needs, and
 * is not read. Page layouts (sections under {@code page/} keys) are not offers' decisions and are left out.
 *
 * <p>An offer's {@code propensity} absent from the record means 1 (a strategy that never explores), except for a
 * decision of an exploring experiment arm (arms never change, so the arm's {@code exploration} says it): the recorder
 * writes every such offer's propensity, 1 included, so one with none at all was recorded before propensities were, and
 * its propensities are unknown: it is skipped and counted, never read as 1 (that would weigh its offers shown by
 * exploration as if shown for sure, and bias the estimate). One carrying some propensities was recorded when only those
 * below 1 were written: its missing ones are 1.
 */
@ApplicationScoped
public class LoggedDecisionReader {

    private static final String DECISIONS = """
            SELECT d.id, d.customer_id, d.segment, d.channel, d.placement, d.offers, d.decided_at, d.answer,
                   d.experiment_id IS NOT NULL AND EXISTS (
                       SELECT 1 FROM experiment e, jsonb_array_elements(e.arms) a
                       WHERE e.id = d.experiment_id AND a->>'name' = d.arm
                         AND coalesce((a->>'exploration')::float8, 0) > 0) AS explores
            FROM decision d
            WHERE d.answer IS NOT NULL AND d.decided_at >= $1 AND d.decided_at < $2
              AND ($3::text IS NULL OR d.channel = $3) AND ($4::text IS NULL OR d.placement = $4)
              AND jsonb_array_length(d.offers) > 0 AND d.offers->0->>'offerId' NOT LIKE 'page/%'
            ORDER BY d.decided_at DESC
            LIMIT $5""";
    private static final String ANSWERED = """
            SELECT decision_id, offer_id FROM outcome WHERE decision_id = ANY($1) AND type = $2""";
    private static final int FETCH = 2_000;

    private final Pool pool;

    public LoggedDecisionReader(Pool pool) {
        this.pool = pool;
    }

    /**
     * The decisions read: those usable, newest first, and how many of the rows read were skipped for want of their
     * propensities; {@code truncated} when more than the {@code max} rows read were logged in the range.
     */
    public record Read(List<LoggedDecision> decisions, int skippedWithoutPropensity, boolean truncated) {
    }

    /** The newest {@code max} decisions made in [from, until), in the channel and placement when given, newest first. */
    public Read decisions(Instant from, Instant until, String channel, String placement, int max) {
        List<LoggedDecision> decisions = new ArrayList<>();
        int[] rows = new int[1];
        int[] skipped = new int[1];
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(DECISIONS, Tuple.of(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC), channel, placement, max + 1),
                    FETCH, row -> {
                        if (++rows[0] > max) {
                            return; // the one past the limit: only says there were more
                        }
                        LoggedDecision decision = decision(row);
                        if (decision == null) {
                            skipped[0]++;
                        } else {
                            decisions.add(decision);
                        }
                    });
        }
        return new Read(decisions, skipped[0], rows[0] > max);
    }

    /** The (decision, offer) pairs of these decisions that got an outcome of this type, as {@code id + "/" + offerId}. */
    public Set<String> answered(List<UUID> decisions, String type) {
        Set<String> answered = new HashSet<>();
        if (decisions.isEmpty()) {
            return answered;
        }
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(ANSWERED, Tuple.of(decisions.toArray(UUID[]::new), type), FETCH,
                    row -> answered.add(row.getUUID(0) + "/" + row.getString(1)));
        }
        return answered;
    }

    /** The decision as an estimate reads it; null when its propensities are unknown (see above). */
    private static LoggedDecision decision(Row row) {
        JsonArray offers = (JsonArray) row.getValue("offers");
        List<LoggedDecision.Shown> shown = new ArrayList<>(offers.size());
        boolean anyPropensity = false;
        for (int i = 0; i < offers.size(); i++) {
            JsonObject offer = offers.getJsonObject(i);
            anyPropensity |= offer.containsKey("propensity");
            shown.add(new LoggedDecision.Shown(offer.getString("offerId"), offer.getDouble("propensity", 1.0)));
        }
        if (!anyPropensity && Boolean.TRUE.equals(row.getBoolean("explores"))) {
            return null;
        }
        Instant decidedAt = row.getOffsetDateTime("decided_at").toInstant();
        JsonObject answer = (JsonObject) row.getValue("answer");
        JsonObject context = answer == null ? null : answer.getJsonObject("c");
        String time = context == null ? null : context.getString("t");
        ZonedDateTime localTime = time == null ? decidedAt.atZone(ZoneOffset.UTC) : OffsetDateTime.parse(time).toZonedDateTime();
        List<String> cart = new ArrayList<>();
        JsonArray items = context == null ? null : context.getJsonArray("k");
        if (items != null) {
            items.forEach(item -> cart.add((String) item));
        }
        return new LoggedDecision(row.getUUID("id"), row.getString("customer_id"), row.getString("segment"),
                row.getString("channel"), row.getString("placement"), decidedAt, localTime, List.copyOf(cart),
                context == null ? null : context.getString("p"), List.copyOf(shown));
    }
}
