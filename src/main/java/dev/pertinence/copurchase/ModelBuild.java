package dev.pertinence.copurchase;

import java.time.Instant;
import java.util.UUID;

/**
 * A co-purchase model build as recorded: its status, the size of the model it made and how long it
 * took; the fields of a step not reached yet (started, finished, sizes, error) are null.
 */
public record ModelBuild(
        UUID id,
        String status,
        String trigger,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        String modelVersion,
        Long baskets,
        Integer items,
        Long pairs,
        Long neighbours,
        Integer minSupport,
        Integer topK,
        String error) {

    /** Why a build whose row still said running when another build took the lock was marked failed. */
    public static final String ABANDONED = "abandoned: the build's lock expired";

    /**
     * Run by whoever has just taken the build lock (the service's build and the Spark job), before recording its own
     * build: every builder holds the lock for as long as its row says {@code running}, so a row still running now
     * belongs to a build that died (killed, evicted) and whose lock expired. No parameters: one text for JDBC and the
     * reactive client.
     */
    public static final String MARK_ABANDONED = "UPDATE model_build SET status = 'failed', finished_at = now(), "
            + "duration_ms = (extract(epoch FROM now() - COALESCE(started_at, requested_at)) * 1000)::bigint, "
            + "error = '" + ABANDONED.replace("'", "''") + "' WHERE status = 'running'";
}
