package dev.pertinence.outcome.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V11 on outcomes stored twice before it (another event id for the same decision, offer and type):
 * the first received stays, the others go, and the unique index then refuses a second. Run on a
 * copy of the outcome table in a schema of its own, so the service's data is not touched.
 */
@QuarkusTest
class OutcomeOnceMigrationTest {

    private static final String D1 = "00000000-0000-7000-8000-000000000001";
    private static final String D2 = "00000000-0000-7000-8000-000000000002";

    @Inject
    Pool pool;

    @Test
    void outcomesStoredTwiceKeepTheFirstReceivedAndASecondIsRefusedAfter() throws IOException {
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V11__one_outcome_per_decision_offer_type.sql"));
        List<String> kept = pool.withConnection(connection -> connection.query("""
                        DROP SCHEMA IF EXISTS v11_test CASCADE;
                        CREATE SCHEMA v11_test;
                        SET search_path TO v11_test;
                        CREATE TABLE outcome (LIKE public.outcome INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                        CREATE INDEX outcome_decision ON outcome (decision_id);
                        INSERT INTO outcome (event_id, decision_id, offer_id, type, channel, shown_on, placement, segment, value,
                                             occurred_at, received_at) VALUES
                            ('late',   '%1$s', 'o1', 'impression', 'web', 'web', 'p', 's', NULL, now(), now() - interval '1 minute'),
                            ('first',  '%1$s', 'o1', 'impression', 'web', 'web', 'p', 's', NULL, now(), now() - interval '2 minutes'),
                            ('b-tie',  '%1$s', 'o1', 'accept',     'web', 'web', 'p', 's', NULL, now(), now() - interval '1 minute'),
                            ('a-tie',  '%1$s', 'o1', 'accept',     'web', 'web', 'p', 's', NULL, now(), now() - interval '1 minute'),
                            ('conv-1', '%1$s', 'o1', 'convert',    'web', 'web', 'p', 's', 12.50, now(), now() - interval '3 minutes'),
                            ('conv-2', '%1$s', 'o1', 'convert',    'web', 'web', 'p', 's', 99.00, now(), now() - interval '1 minute'),
                            ('other-offer',    '%1$s', 'o2', 'impression', 'web', 'web', 'p', 's', NULL, now(), now()),
                            ('other-decision', '%2$s', 'o1', 'impression', 'web', 'web', 'p', 's', NULL, now(), now());
                        """.formatted(D1, D2) + migration).execute()
                        .chain(() -> connection.query("SELECT event_id FROM v11_test.outcome ORDER BY event_id").execute())
                        .map(rows -> {
                            List<String> ids = new ArrayList<>();
                            for (Row row : rows) {
                                ids.add(row.getString(0));
                            }
                            return ids;
                        })
                        // the pooled connection goes back as it came, whatever happened
                        .eventually(() -> connection.query("SET search_path TO DEFAULT").execute()))
                .await().indefinitely();
        assertEquals(List.of("a-tie", "conv-1", "first", "other-decision", "other-offer"), kept);

        assertThrows(Exception.class, () -> pool.query("""
                INSERT INTO v11_test.outcome (event_id, decision_id, offer_id, type, channel, shown_on, placement, segment, occurred_at)
                VALUES ('again', '%s', 'o1', 'impression', 'web', 'web', 'p', 's', now())""".formatted(D1)).execute()
                .await().indefinitely(), "the unique index refuses a second impression");
        pool.query("DROP SCHEMA v11_test CASCADE").execute().await().indefinitely();
    }
}
