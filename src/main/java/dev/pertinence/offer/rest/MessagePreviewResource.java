package dev.pertinence.offer.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.offer.service.MessagePreviews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
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

/** An offer's message rendered for a person the marketer describes, and with the neutral fallbacks, nothing saved. */
@Path("/v1/messages/previews")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class MessagePreviewResource {

    private final MessagePreviews previews;

    public MessagePreviewResource(MessagePreviews previews) {
        this.previews = previews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewMessage", summary = "Render an offer's message for a described person and with the neutral fallbacks",
            description = "The message is checked as saving an offer checks it (docs/messages.md): a message that would be "
                    + "refused is 400 naming message. The person is described in the request (a name, a tier, points), never "
                    + "read from a customer's profile; a field left out shows its neutral fallback.")
    @APIResponse(responseCode = "200", description = "The message for the person and for someone nobody knows anything about",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessagePreview.class)))
    public MessagePreview preview(@NotNull @Valid MessagePreviewRequest body) {
        PreviewPerson person = body.person();
        MessagePreviews.Preview preview = previews.preview(body.message(), person == null ? null
                : new MessagePreviews.Persona(person.firstName(), person.lastName(), person.gender(), person.loyaltyTier(),
                        person.loyaltyPoints(), person.homeStore()), body.storeName());
        return new MessagePreview(preview.forPerson(), preview.neutral());
    }

    @Schema(description = "A message to render, as an offer's message field would hold it, and for whom")
    public record MessagePreviewRequest(
            @Schema(description = "The message template (docs/messages.md)", required = true) @NotNull @Size(min = 1, max = 2000) String message,
            @Valid PreviewPerson person,
            @Schema(description = "The store the person is in ({store.name}); absent: the fallback") @Size(max = 200) String storeName) {
    }

    @Schema(description = "The person a message is previewed for: any field left out is unknown and shows its fallback")
    public record PreviewPerson(@Size(max = 100) String firstName, @Size(max = 100) String lastName,
                                @Schema(description = "female or male give a title (Ms, Mr) to the greeting") @Size(max = 20) String gender,
                                @Size(max = 50) String loyaltyTier, @Min(0) Integer loyaltyPoints, @Size(max = 200) String homeStore) {
    }

    @Schema(description = "The message as the person would read it, and as someone nobody knows anything about would")
    public record MessagePreview(String forPerson, String neutral) {
    }
}
