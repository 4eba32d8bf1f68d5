package dev.pertinence.page.rest;

import dev.pertinence.page.service.PageLayouts;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The sections in this visitor's order, each with its score and why")
public record PageLayout(
        @Schema(description = "The customer ordered for; absent for an anonymous visitor") String customerId,
        List<Section> sections,
        @Schema(description = "What the order could not use (no profiling consent, no co-purchase model, ...)") List<String> notes,
        @Schema(description = "true when the request asked for a dry run; absent otherwise") Boolean dryRun) {

    static PageLayout from(PageLayouts.Layout layout, boolean dryRun) {
        return new PageLayout(layout.customerId(), layout.sections().stream()
                .map(p -> new Section(p.id(), p.position(), p.originalPosition(), p.score(), p.reason())).toList(), layout.notes(),
                dryRun ? Boolean.TRUE : null);
    }

    @Schema(name = "OrderedSection", description = "A section in its new place, with its score and why")
    public record Section(String id, int position, @Schema(description = "Where the page had it (1-based)") int originalPosition,
                          double score, String reason) {
    }
}
