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
 */
@ApplicationScoped
public class LoggedDecisionReader {

    private static final String DECISIONS = """
            SELECT id, customer_id, segment, channel, placement, offers, decided_at, answer FROM decision
            WHERE answer IS NOT NULL AND decided_at >= $1 AND decided_at < $2
              AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR placement = $4)
              AND jsonb_array_length(offers) > 0 AND offers->0->>'offerId' NOT LIKE 'page/%'
            ORDER BY decided_at DESC
            LIMIT $5""";
    private static final String ANSWERED = """
            SELECT decision_id, offer_id FROM outcome WHERE decision_id = ANY($1) AND type = $2""";
    private static final int FETCH = 2_000;

    private final Pool pool;

    public LoggedDecisionReader(Pool pool) {
        this.pool = pool;
    }

    /** At most {@code limit} decisions made in [from, until), in the channel and placement when given, newest first. */
    public List<LoggedDecision> decisions(Instant from, Instant until, String channel, String placement, int limit) {
        List<LoggedDecision> decisions = new ArrayList<>();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(DECISIONS, Tuple.of(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC), channel, placement, limit),
                    FETCH, row -> decisions.add(decision(row)));
        }
        return decisions;
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

    private static LoggedDecision decision(Row row) {
        JsonArray offers = (JsonArray) row.getValue("offers");
        List<LoggedDecision.Shown> shown = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            JsonObject offer = offers.getJsonObject(i);
            shown.add(new LoggedDecision.Shown(offer.getString("offerId"), offer.getDouble("propensity", 1.0)));
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
