package dev.pertinence.offer.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.offer.service.OfferService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/offers")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class OfferResource {

    private final OfferService offers;
    private final long maxPageOffset;

    public OfferResource(OfferService offers, PertinenceConfig config) {
        this.offers = offers;
        this.maxPageOffset = config.http().maxPageOffset();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOffer", summary = "Create an offer", description = "A rule that does not compile is refused with 400 and its line and column.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "409", description = "An offer with this id exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> create(@NotNull @Valid OfferRequest body) {
        return offers.create(OfferRequest.toDraft(body)).map(OfferView::from)
                .map(offer -> Response.created(URI.create("/v1/offers/" + offer.id())).entity(offer).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertOffers", summary = "Create or replace up to 10,000 offers at once, all or nothing")
    public Uni<BulkOfferReport> upsertAll(@NotNull @NotEmpty @Size(max = 10_000) List<@NotNull @Valid OfferRequest> body) {
        return offers.upsertAll(body.stream().map(OfferRequest::toDraft).toList()).map(BulkOfferReport::from);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertOffer", summary = "Create or replace an offer")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferView.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfferView.class)))
    public Uni<Response> upsert(@PathParam("id") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String id,
                                @NotNull @Valid OfferRequest body) {
        return offers.upsert(id, OfferRequest.toDraft(body))
                .map(result -> Response.status(result.created() ? 201 : 200).entity(OfferView.from(result.value())).build());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(operationId = "pauseOffer", summary = "Pause an offer: it is no longer proposed")
    public Uni<OfferView> pause(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("id") String id) {
        return offers.setStatus(id, "paused").map(OfferView::from);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "resumeOffer", summary = "Resume a paused offer")
    public Uni<OfferView> resume(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("id") String id) {
        return offers.setStatus(id, "active").map(OfferView::from);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOffer", summary = "Read an offer")
    public Uni<OfferView> get(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("id") String id) {
        return offers.get(id).map(OfferView::from);
    }

    @GET
    @Operation(operationId = "listOffers", summary = "List offers, by id, a page at a time")
    public Uni<OfferPage> list(
            @Parameter(schema = @Schema(enumeration = {"active", "paused"})) @QueryParam("status") String status,
            @Parameter(schema = @Schema(enumeration = {"web", "app", "call_centre", "email", "sms", "store"}))
            @QueryParam("channel") String channel,
            @Parameter(description = "0-based; page x size at most 100,000 by default (pertinence.http.max-page-offset): deeper, "
                    + "narrow the list by status or channel")
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if ((long) page * size > maxPageOffset) { // in long: 2147483646 x 50 wrapped around as an int
            throw ClientProblem.invalid("page", "page: page x size must be at most " + maxPageOffset + " (" + page + " x " + size
                    + "); narrow the list by status or channel");
        }
        if (status != null && !status.equals("active") && !status.equals("paused")) {
            throw ClientProblem.invalid("status", "status: must be 'active' or 'paused'");
        }
        return offers.list(status, channel == null ? null : Channel.fromWire(channel, "channel"), page, size)
                .map(listing -> new OfferPage(listing.offers().stream().map(OfferView::from).toList(), page, size, listing.total()));
    }
}
