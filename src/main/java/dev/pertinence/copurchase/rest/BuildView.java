package dev.pertinence.copurchase.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.copurchase.ModelBuild;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A co-purchase model build: its status, the size of the model it made and how long it took")
public record BuildView(
        UUID id,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed"}) String status,
        @Schema(enumeration = {"api", "schedule", "recovery", "spark"}, description = "spark: built by the Spark job (docs/model-build.md)") String trigger,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        @Schema(description = "The model version this build wrote and activated") String modelVersion,
        Long baskets,
        Integer items,
        @Schema(description = "Distinct item pairs counted") Long pairs,
        @Schema(description = "Neighbour entries kept (at most topK per item)") Long neighbours,
        Integer minSupport,
        Integer topK,
        @Schema(description = "Why it failed; \"abandoned: the build's lock expired\" when its process stopped without"
                + " finishing (a replica or the Spark job's driver killed): the next build to take the lock marks it so") String error) {

    static BuildView from(ModelBuild build) {
        return new BuildView(build.id(), build.status(), build.trigger(), build.requestedAt(), build.startedAt(), build.finishedAt(),
                build.durationMs(), build.modelVersion(), build.baskets(), build.items(), build.pairs(), build.neighbours(),
                build.minSupport(), build.topK(), build.error());
    }
}
