package dev.pertinence.copurchase.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.common.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schedule is off in tests (pertinence.model.rebuild-cron=off); its job is invoked directly. */
@QuarkusTest
class ScheduledModelBuildTest {

    @Inject
    ScheduledModelBuild schedule;
    @Inject
    Pool pool;

    @Test
    void theScheduledJobBuildsAndActivatesAModel() {
        Await.until("no build running", Duration.ofSeconds(60), () -> count("status = 'running'") == 0);
        long before = count("trigger = 'schedule' AND status = 'succeeded'");
        schedule.rebuild().await().atMost(Duration.ofSeconds(10));
        Await.until("scheduled build succeeded", Duration.ofSeconds(60),
                () -> count("trigger = 'schedule' AND status = 'succeeded'") == before + 1);
        assertEquals(0, count("trigger = 'schedule' AND status = 'failed'"));
    }

    private long count(String where) {
        return pool.query("SELECT count(*) FROM model_build WHERE " + where).execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
