package dev.pertinence.page.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.page.service.PageLayouts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/page-layouts")
@Tag(name = "Decisions")
@RolesAllowed(Roles.DECISION_CLIENT)
public class PageLayoutResource {

    private final PageLayouts layouts;

    public PageLayoutResource(PageLayouts layouts) {
        this.layouts = layouts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "orderPageLayout", summary = "Order a page's sections for this visitor",
            description = "The same sections, ordered by how much the visitor's purchases (known customer, with consent to "
                    + "profiling), cart and viewed product point at each section's category or tags, directly or through "
                    + "co-purchases; each with its score and reason. Sections nothing points at keep the page's order, last.")
    @APIResponse(responseCode = "200", description = "The sections in this visitor's order")
    public Uni<PageLayout> order(@NotNull @Valid PageLayoutRequest body) {
        return layouts.order(body);
    }
}
