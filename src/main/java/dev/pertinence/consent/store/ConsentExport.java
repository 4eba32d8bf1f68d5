package dev.pertinence.consent.store;

import dev.pertinence.common.csv.CsvLine;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.decision.Consents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;

/** Every consent answer as CSV lines, through a cursor (never held whole). Blocking: a worker thread. */
@ApplicationScoped
public class ConsentExport {

    private static final String ALL = """
            SELECT customer_id, purpose, channel, granted, source, recorded_at FROM consent
            ORDER BY customer_id, purpose, channel""";

    private final Pool pool;

    public ConsentExport(Pool pool) {
        this.pool = pool;
    }

    public void each(Consumer<String> line) {
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(ALL, Tuple.tuple(), 1_000, row -> {
                String channel = row.getString("channel");
                line.accept(CsvLine.join(List.of(row.getString("customer_id"), row.getString("purpose"),
                        channel.equals(Consents.ANY_CHANNEL) ? "" : channel, String.valueOf(row.getBoolean("granted")),
                        row.getString("source"), row.getOffsetDateTime("recorded_at").toInstant().toString())));
            });
        }
    }
}
