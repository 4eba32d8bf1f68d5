package dev.pertinence.page.rest;

import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.rest.DecisionResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The sections in this visitor's order, each with its score and why")
public record PageLayout(
        @Schema(description = "The customer ordered for; absent for an anonymous visitor") String customerId,
        List<Section> sections,
        @Schema(description = "What the order could not use (no profiling consent, no co-purchase model, ...)") List<String> notes,
        @Schema(description = "true when the request asked for a dry run; absent otherwise") Boolean dryRun,
        @Schema(description = "This layout's id, as a decision's: report section impressions and clicks with it (offerId: the "
                + "section's id) and read it back at GET /v1/decisions/{decisionId}. Time-ordered (UUID v7); random (v4) for a "
                + "dry run, which takes no outcomes. The same for a refresh by the same customer within the refresh window")
        UUID decisionId,
        @Schema(description = "The page ordered (the request's, else page)") String page,
        @Schema(description = "The experiment arm the layout was made in; absent outside any experiment")
        DecisionResponse.ExperimentArm experiment) {

    static PageLayout from(PageDecision layout, boolean dryRun) {
        return new PageLayout(layout.customerId(), layout.sections().stream()
                .map(p -> new Section(p.id(), p.position(), p.originalPosition(), p.score(), p.reason())).toList(), layout.notes(),
                dryRun ? Boolean.TRUE : null, layout.id(), layout.page(), layout.assignment() == null ? null
                        : new DecisionResponse.ExperimentArm(layout.assignment().experimentId(), layout.assignment().arm().name(), false));
    }

    @Schema(name = "OrderedSection", description = "A section in its new place, with its score and why")
    public record Section(String id, int position, @Schema(description = "Where the page had it (1-based)") int originalPosition,
                          double score, String reason) {
    }
}
