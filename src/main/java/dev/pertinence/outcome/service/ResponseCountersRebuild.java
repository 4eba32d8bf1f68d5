package dev.pertinence.outcome.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.DerivedState;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.outcome.store.ResponseCounters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives Redis back the offers' response counters after it lost its data: counted again from the
 * outcomes PostgreSQL marks applied (those not applied yet are the sweep's, which counts them on
 * top), then this replica's learned responses are re-read. An outcome counted in Redis between
 * the loss and this rebuild whose row was not yet marked applied is overwritten: at most the
 * outcomes of that moment, and the counters are learning signals, not the record (PostgreSQL is).
 */
@ApplicationScoped
public class ResponseCountersRebuild implements DerivedState {

    private static final String COUNTS = """
            SELECT offer_id, segment, shown_on, type, count(*), sum(value)
            FROM outcome WHERE applied GROUP BY offer_id, segment, shown_on, type ORDER BY offer_id""";

    private final Pool pool;
    private final ResponseCounters counters;
    private final LiveResponses live;
    private final Duration budget;

    public ResponseCountersRebuild(Pool pool, ResponseCounters counters, LiveResponses live, PertinenceConfig config) {
        this.pool = pool;
        this.counters = counters;
        this.live = live;
        this.budget = config.redis().backgroundTimeout();
    }

    @Override
    public String name() {
        return "offer response counters";
    }

    @Override
    public long rebuild() {
        Map<String, Map<String, String>> byOffer = new HashMap<>();
        Map<String, Map<String, BigDecimal>> values = new HashMap<>();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(COUNTS, Tuple.tuple(), 5_000, row -> {
                String prefix = row.getString(1) + "|" + row.getString(2) + "|";
                byOffer.computeIfAbsent(row.getString(0), offer -> new HashMap<>())
                        .put(prefix + row.getString(3), Long.toString(row.getLong(4)));
                BigDecimal value = row.getBigDecimal(5);
                if (value != null) {
                    values.computeIfAbsent(row.getString(0), offer -> new HashMap<>()).merge(prefix + "value", value, BigDecimal::add);
                }
            });
        }
        values.forEach((offer, sums) -> sums.forEach((field, sum) ->
                byOffer.computeIfAbsent(offer, o -> new HashMap<>()).put(field, sum.toPlainString())));
        List<Uni<Void>> writes = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> offer : byOffer.entrySet()) {
            writes.add(counters.restore(offer.getKey(), offer.getValue()));
            if (writes.size() == 200) {
                Uni.join().all(List.copyOf(writes)).andFailFast().await().atMost(budget.multipliedBy(2));
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            Uni.join().all(writes).andFailFast().await().atMost(budget.multipliedBy(2));
        }
        live.refresh();
        return byOffer.size();
    }
}
