package dev.pertinence.decide.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision's JSON columns carry no planner statistics: autovacuum's ANALYZE skips them (migration V24). */
@QuarkusTest
class DecisionStatisticsTest {

    @Inject
    Pool pool;

    @Test
    void analysingTheDecisionTableSkipsItsJsonColumns() {
        Map<String, Integer> targets = new HashMap<>();
        for (Row row : pool.query("""
                SELECT attname, coalesce(attstattarget, -1) FROM pg_attribute
                WHERE attrelid = 'decision'::regclass AND attname IN ('offers', 'answer', 'customer_id')""")
                .execute().await().indefinitely()) {
            targets.put(row.getString(0), row.getInteger(1));
        }
        assertEquals(Map.of("offers", 0, "answer", 0, "customer_id", -1), targets,
                "the JSON columns are not analysed; the others keep the default target");
        pool.query("ANALYZE decision").execute().await().indefinitely();
        assertEquals(0L, pool.query("SELECT count(*) FROM pg_stats WHERE tablename = 'decision' AND attname IN ('offers', 'answer')")
                .execute().await().indefinitely().iterator().next().getLong(0), "no statistics are built for them");
    }
}
