package dev.pertinence.decide.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Which offers for this person, here, now?")
public record DecisionRequest(
        @Schema(description = "The customer id or any of their identifiers (type:value, e.g. loyalty:49712233); "
                + "omit for an anonymous visitor; an unknown one is decided as anonymous")
        @Size(max = 300) String customerId,
        @Schema(description = "An anonymous visitor's stable id (a first-party cookie): keeps them in one experiment arm. "
                + "Ignored when customerId is given")
        @Size(max = 200) String visitorId,
        @NotNull Channel channel,
        @Schema(description = "Where the offers will show (e.g. home, product-page, checkout, agent-card)")
        @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String placement,
        @Valid DecisionContext context,
        @Schema(defaultValue = "3") @Min(1) @Max(10) Integer limit,
        @Schema(description = "Also say why the other offers were left out", defaultValue = "false") Boolean explain,
        @Schema(description = "Allow two offers of the same category", defaultValue = "false") Boolean allowSameCategory,
        @Schema(description = "For an outbound contact: decide on the channel among these the customer answers best on and "
                + "consented to (channel-appetence); the response's channel says which. None consented: channel is kept")
        @Size(max = 6) List<@NotNull Channel> bestChannelAmong,
        @Schema(description = "Rank exactly as a real decision, but reserve nothing under the contact caps, record nothing, "
                + "learn nothing and count nothing in the metrics: what would this person get? With explain: and why. "
                + "The answer's decisionId cannot take outcomes", defaultValue = "false")
        Boolean dryRun,
        @Schema(description = "A screen that may be refreshed: the same request for the same known customer within the "
                + "refresh window (pertinence.decision.refresh-window, 2 minutes) gets the same decision back (same "
                + "decisionId and offers, nothing reserved again), until the customer answers one of its offers (accept, "
                + "convert, refuse, dismiss) or their consents change (docs/callers.md). Without it every request is a "
                + "new decision", defaultValue = "false")
        Boolean reuseRecent) {
}
