package dev.pertinence.product.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.security.Roles;
import dev.pertinence.product.service.ProductImporter;
import dev.pertinence.product.service.ProductService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/products")
@Tag(name = "Products")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DATA_INGEST)
public class ProductResource {

    private final ProductService products;
    private final ProductImporter importer;

    public ProductResource(ProductService products, ProductImporter importer) {
        this.products = products;
        this.importer = importer;
    }

    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertProduct", summary = "Create or replace a product")
    @APIResponse(responseCode = "200", description = "Product replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "201", description = "Product created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)))
    public Uni<Response> upsert(@PathParam("sku") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String sku,
                                @NotNull @Valid ProductRequest body) {
        return products.upsert(sku, ProductRequest.toDetails(body))
                .map(result -> Response.status(result.created() ? 201 : 200).entity(ProductView.from(result.value())).build());
    }

    @RolesAllowed({Roles.DATA_INGEST, Roles.MARKETER})
    @GET
    @Path("/{sku}")
    @Operation(operationId = "getProduct", summary = "Read a product")
    public Uni<ProductView> get(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("sku") String sku) {
        return products.get(sku).map(ProductView::from);
    }

    @POST
    @Path("/import")
    @Blocking
    @Consumes("text/csv")
    @Operation(operationId = "importProducts", summary = "Upsert products in bulk from CSV",
            description = "Header `sku,name,category,price` (optionally `,margin`). Streamed; one transaction: "
                    + "a bad line refuses the whole file and the problem names the line and column.")
    @APIResponse(responseCode = "200", description = "Products stored")
    public ImportReport importCsv(@Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING) InputStream body) {
        return ImportReport.from(importer.importCsv(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))));
    }
}
