package dev.pertinence.offer.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.offer.service.OfferService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rule checked as saving an offer would check it, without saving anything: the console checks rules as they are typed. */
@Path("/v1/rules/validations")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class RuleValidationResource {

    private final OfferService offers;

    public RuleValidationResource(OfferService offers) {
        this.offers = offers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateRule", summary = "Check an eligibility rule without saving it",
            description = "The checks an offer's rule passes when saved (docs/rules.md): it compiles, type-checks against the "
                    + "declared variables, and its worst case stays within pertinence.rules.max-cost. A rule that does not is "
                    + "refused with 400, field rule and, where the error has one, its line and column.")
    @APIResponse(responseCode = "200", description = "The rule would be accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleValidation.class)))
    public RuleValidation validate(@NotNull @Valid RuleValidationRequest body) {
        return new RuleValidation(true, offers.checkRule(body.rule()));
    }

    @Schema(description = "A rule to check, as an offer's rule field would hold it")
    public record RuleValidationRequest(
            @Schema(description = "Eligibility rule in CEL (docs/rules.md); empty = always eligible", required = true)
            @NotNull @Size(max = 4000) String rule) {
    }

    @Schema(description = "A rule that would be accepted, and its worst-case cost")
    public record RuleValidation(
            @Schema(description = "Always true: a rule that would be refused is answered 400") boolean valid,
            @Schema(description = "Its worst-case evaluation steps (at most pertinence.rules.max-cost)") double cost) {
    }
}
