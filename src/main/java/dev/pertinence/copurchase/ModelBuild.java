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
}
