package dev.pertinence.purchase.rest;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.purchase.service.PurchaseService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/purchases")
@Tag(name = "Purchases")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(Roles.DATA_INGEST)
public class PurchaseResource {

    private final PurchaseService purchases;

    public PurchaseResource(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPurchase", summary = "Record one purchased item")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseReport.class)))
    @APIResponse(responseCode = "422", description = "No customer has the identifier given as customerId; nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response record(@NotNull @Valid PurchaseRequest body) {
        return Response.status(201).entity(PurchaseReport.from(purchases.record(List.of(PurchaseRequest.toLine(body))))).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPurchases", summary = "Record up to 10,000 purchased items in one transaction")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseReport.class)))
    @APIResponse(responseCode = "422", description = "No customer has the identifier given as customerId; nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response recordBatch(@NotNull @NotEmpty @Size(max = 10_000) List<@NotNull @Valid PurchaseRequest> body) {
        return Response.status(201).entity(PurchaseReport.from(purchases.record(body.stream().map(PurchaseRequest::toLine).toList())))
                .build();
    }

    @POST
    @Path("/import")
    @Consumes("text/csv")
    @Operation(operationId = "importPurchases", summary = "Import purchases from CSV, streamed, in one transaction",
            description = "format=lines (default): header `order_id,customer_id,sku,quantity,price,timestamp`, one "
                    + "purchased item per line, price is the unit price, ISO-8601 timestamps, empty customer_id for an "
                    + "anonymous basket. format=baskets: no header, one basket per line, item names comma-separated "
                    + "(used as SKUs), all dated `timestamp` (default now). A bad line refuses the whole file.")
    @APIResponse(responseCode = "200", description = "Imported",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseReport.class)))
    @APIResponse(responseCode = "422", description = "No customer has the identifier given as customerId; nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public PurchaseReport importCsv(
            @Parameter(schema = @Schema(enumeration = {"lines", "baskets"})) @QueryParam("format") @DefaultValue("lines") String format,
            @Parameter(description = "ISO-8601 date-time for format=baskets") @QueryParam("timestamp") String timestamp,
            @Schema(type = SchemaType.STRING) InputStream body) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        return PurchaseReport.from(switch (format) {
            case "lines" -> purchases.importLines(reader);
            case "baskets" -> purchases.importBaskets(reader, parseTimestamp(timestamp));
            default -> throw ClientProblem.invalid("format", "format: must be 'lines' or 'baskets'");
        });
    }

    private static java.time.Instant parseTimestamp(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw ClientProblem.invalid("timestamp", "timestamp: not an ISO-8601 date-time with offset");
        }
    }
}
