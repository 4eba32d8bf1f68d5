package dev.pertinence.evaluation.rest;

import dev.pertinence.evaluation.EvaluationResult;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An offline evaluation: its settings as resolved, its status and progress, and its result once done")
public record EvaluationView(
        UUID id,
        @Schema(enumeration = {"queued", "running", "done", "failed"}) String status,
        Settings settings,
        Progress progress,
        Instant requestedAt,
        @Schema(description = "Absent while queued") Instant startedAt,
        @Schema(description = "Absent until done or failed") Instant finishedAt,
        @Schema(description = "Why it failed (abandoned: the replica running it stopped)") String error,
        @Schema(description = "Absent until done") EvaluationResult result) {

    @Schema(name = "EvaluationProgress", description = "Cases replayed so far; total is absent while the history is read")
    public record Progress(int done, Integer total) {
    }

    @Schema(name = "EvaluationSettings", description = "What is replayed, every default applied")
    public record Settings(
            @Schema(enumeration = {"time_split", "basket_completion"}) String mode,
            int k,
            String channel,
            String placement,
            @Schema(enumeration = {"offers", "products"}) String candidates,
            @Schema(description = "time_split only") Instant cutAt,
            Instant from,
            Instant until,
            String segment,
            int sample,
            long seed,
            @Schema(description = "basket_completion only") Double heldOutShare,
            @Schema(description = "The draft evaluated instead of the current strategy; absent: the current one")
            EvaluationRequest.Draft draft) {
    }
}
