package dev.pertinence.cascade.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Reach a person on one channel; if they do not answer in time, on the next")
public record CascadeRequest(
        @Schema(description = "The customer id or any of their identifiers") @NotBlank @Size(max = 300) String customerId,
        @Schema(description = "Placement every step decides for", example = "win-back")
        @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String placement,
        @NotNull @NotEmpty @Size(max = 5) List<@NotNull @Valid Step> steps) {

    @Schema(name = "CascadeStepRequest", description = "One step: a channel, how long to wait, and for what")
    public record Step(
            @NotNull Channel channel,
            @Schema(description = "How long to wait for the answer before the next step (ISO-8601, 1 second to 30 days)",
                    example = "PT48H") @com.fasterxml.jackson.annotation.JsonProperty("wait") @NotNull Duration waitFor,
            @Schema(description = "impression: seen (an email opened) is enough; response (default): a click, accept, convert, "
                    + "refusal or dismissal", enumeration = {"impression", "response"}) String until) {
    }
}
