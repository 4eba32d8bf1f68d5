package dev.pertinence.consent.store;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.store.BlockingTransaction;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;

/**
 * Stores a file of consent answers in one transaction: staged in chunks, customers resolved (ids,
 * merged ids, identifiers), then per person, purpose and channel the newest answer of the file
 * replaces the stored one if it is newer. A customer nobody has refuses the whole file. Blocking:
 * call it from a worker thread.
 */
@ApplicationScoped
public class ConsentImport {

    private static final int CHUNK = 5_000;

    private static final String STAGE = """
            CREATE TEMPORARY TABLE consent_import (
                line bigint, customer_id text, purpose text, channel text, granted boolean, source text,
                recorded_at timestamptz) ON COMMIT DROP""";
    private static final String STAGE_CHUNK = """
            INSERT INTO consent_import
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::timestamptz[])""";
    private static final String RESOLVE = """
            UPDATE consent_import s SET customer_id = i.customer_id FROM customer_identifier i WHERE i.reference = s.customer_id""";
    private static final String UNKNOWN = """
            SELECT line, customer_id FROM consent_import s WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = s.customer_id)
            ORDER BY line LIMIT 1""";
    private static final String STORE = """
            INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
            SELECT DISTINCT ON (customer_id, purpose, channel) customer_id, purpose, channel, granted, source, recorded_at
            FROM consent_import ORDER BY customer_id, purpose, channel, recorded_at DESC, line DESC
            ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET
                granted = EXCLUDED.granted, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
            WHERE consent.recorded_at <= EXCLUDED.recorded_at""";

    private final Pool pool;

    public ConsentImport(Pool pool) {
        this.pool = pool;
    }

    /** One line of the file, customer as a reference key. */
    public record Line(long number, String customer, ConsentStore.Answer answer) {
    }

    /** How many lines were read, and how many answers changed what was stored. */
    public record Report(long lines, long stored) {
    }

    public Report write(Iterator<Line> lines) {
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.execute(STAGE);
            long count = tx.stageInChunks(lines, CHUNK, ConsentImport::stage);
            tx.execute(RESOLVE);
            var unknown = tx.execute(UNKNOWN);
            if (unknown.size() > 0) {
                var row = unknown.iterator().next();
                long line = row.getLong("line");
                throw new ClientProblem(422, "Unprocessable request", "line " + line + ", customer_id: no customer '"
                        + row.getString("customer_id") + "'; nothing from this file was imported", "line " + line + ".customer_id");
            }
            long stored = tx.execute(STORE).rowCount();
            tx.commit();
            return new Report(count, stored);
        }
    }

    private static void stage(BlockingTransaction tx, List<Line> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        int n = chunk.size();
        Long[] numbers = new Long[n];
        String[] customers = new String[n];
        String[] purposes = new String[n];
        String[] channels = new String[n];
        Boolean[] granted = new Boolean[n];
        String[] sources = new String[n];
        java.time.OffsetDateTime[] times = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Line line = chunk.get(i);
            numbers[i] = line.number();
            customers[i] = line.customer();
            purposes[i] = line.answer().purpose();
            channels[i] = line.answer().channel();
            granted[i] = line.answer().granted();
            sources[i] = line.answer().source();
            times[i] = line.answer().recordedAt().atOffset(ZoneOffset.UTC);
        }
        tx.execute(STAGE_CHUNK, Tuple.from(new Object[] {numbers, customers, purposes, channels, granted, sources, times}));
        chunk.clear();
    }
}
