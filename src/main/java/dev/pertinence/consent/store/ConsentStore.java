package dev.pertinence.consent.store;

import dev.pertinence.decision.Consents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code consent} table: one row per person, purpose and channel; the newest answer wins. */
@ApplicationScoped
public class ConsentStore {

    /** Written only if newer than what is stored: answers may arrive out of order (a CRM export after a web form). */
    private static final String RECORD = """
            INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::timestamptz[])
            ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET
                granted = EXCLUDED.granted, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
            WHERE consent.recorded_at <= EXCLUDED.recorded_at""";
    private static final String LIST = """
            SELECT purpose, channel, granted, source, recorded_at FROM consent WHERE customer_id = $1
            ORDER BY purpose, channel""";

    private final Pool pool;

    public ConsentStore(Pool pool) {
        this.pool = pool;
    }

    /** One answer; {@code channel} is "*" for profiling. */
    public record Answer(String purpose, String channel, boolean granted, String source, Instant recordedAt) {
    }

    /** The answers as the decision core reads them. */
    public static Consents consents(List<Answer> answers) {
        Map<String, Boolean> given = new HashMap<>();
        answers.forEach(answer -> given.put(Consents.key(answer.purpose(), answer.channel()), answer.granted()));
        return new Consents(given);
    }

    /** Records the answers that are newer than the stored ones; returns how many were. */
    public Uni<Integer> record(String customerId, List<Answer> answers) {
        int n = answers.size();
        String[] purposes = new String[n];
        String[] channels = new String[n];
        Boolean[] granted = new Boolean[n];
        String[] sources = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Answer answer = answers.get(i);
            purposes[i] = answer.purpose();
            channels[i] = answer.channel();
            granted[i] = answer.granted();
            sources[i] = answer.source();
            times[i] = answer.recordedAt().atOffset(ZoneOffset.UTC);
        }
        return pool.preparedQuery(RECORD).execute(Tuple.from(new Object[] {customerId, purposes, channels, granted, sources, times}))
                .map(rows -> rows.rowCount());
    }

    public Uni<List<Answer>> list(String customerId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(customerId)).map(rows -> {
            List<Answer> answers = new ArrayList<>();
            for (Row row : rows) {
                answers.add(new Answer(row.getString("purpose"), row.getString("channel"), row.getBoolean("granted"),
                        row.getString("source"), row.getOffsetDateTime("recorded_at").toInstant()));
            }
            return answers;
        });
    }
}
