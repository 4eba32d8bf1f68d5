package dev.pertinence.contact.rest;

import dev.pertinence.common.params.PageCursor;
import dev.pertinence.common.security.Roles;
import dev.pertinence.contact.store.ExposureReader;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/customers/{id}/exposures")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DECISION_CLIENT, Roles.PRIVACY_OFFICER})
public class ExposureResource {

    private final ExposureReader reader;
    private final OfferCatalog catalog;
    private final CustomerResolver resolver;

    public ExposureResource(ExposureReader reader, OfferCatalog catalog, CustomerResolver resolver) {
        this.reader = reader;
        this.catalog = catalog;
        this.resolver = resolver;
    }

    @GET
    @Operation(operationId = "listExposures", summary = "Every offer shown to this customer, newest first, with their answer",
            description = "Built from impression outcomes (an answer without a reported impression counts as shown).")
    public Uni<ExposurePage> list(@PathParam("id") String customer,
                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                                  @QueryParam("cursor") String cursor) {
        ExposureReader.Cursor after = PageCursor.decode(cursor, (at, id) -> new ExposureReader.Cursor(at, Long.parseLong(id)));
        return resolver.require(customer, "id").chain(customerId -> reader.page(customerId, limit, after).map(rows -> {
            List<ExposurePage.Exposure> exposures = rows.stream().map(row -> {
                CandidateOffer offer = catalog.index().offer(row.offerId());
                return new ExposurePage.Exposure(row.decisionId(), row.offerId(), offer == null ? null : offer.title(),
                        row.channel(), row.placement(), row.shownAt(), row.response(), row.respondedAt());
            }).toList();
            String next = rows.size() < limit ? null : PageCursor.encode(rows.get(rows.size() - 1).shownAt(), rows.get(rows.size() - 1).id());
            return new ExposurePage(customerId, exposures, next);
        }));
    }

}
