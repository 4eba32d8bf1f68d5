package dev.pertinence.simulation.rest;

import dev.pertinence.simulation.SimulationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A simulation: its settings as resolved, its status and progress, and its result once done")
public record SimulationView(
        UUID id,
        @Schema(enumeration = {"queued", "running", "done", "failed"}) String status,
        Settings settings,
        Progress progress,
        Instant requestedAt,
        @Schema(description = "Absent while queued") Instant startedAt,
        @Schema(description = "Absent until done or failed") Instant finishedAt,
        @Schema(description = "Why it failed: abandoned (the replica running it stopped), out of time "
                + "(past pertinence.simulation.max-duration) or cancelled, with how many people it had decided") String error,
        @Schema(description = "Absent until done") SimulationResult result) {

    @Schema(name = "SimulationProgress", description = "People decided so far; total is absent while the population is read")
    public record Progress(int done, Integer total) {
    }

    @Schema(name = "SimulationSettings", description = "What is simulated, every default applied")
    public record Settings(
            List<Where> placements,
            String segment,
            int sample,
            long seed,
            int limit,
            Map<String, Long> dailyReach,
            @Schema(description = "The draft simulated instead of the current strategy; absent: the current one")
            SimulationRequest.Draft draft) {
    }

    @Schema(name = "SimulationPlacement", description = "A channel and a placement (\"*\": any placement no offer names)")
    public record Where(String channel, String placement) {
    }
}
