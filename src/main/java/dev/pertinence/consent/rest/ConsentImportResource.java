package dev.pertinence.consent.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.consent.service.ConsentCsv;
import dev.pertinence.consent.service.ConsentService;
import dev.pertinence.consent.store.ConsentImport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Consents in bulk, as a CRM or consent-management platform exports them. */
@Path("/v1/consents/import")
@Tag(name = "Customers")
@RolesAllowed(Roles.DATA_INGEST)
public class ConsentImportResource {

    private final ConsentService consents;

    public ConsentImportResource(ConsentService consents) {
        this.consents = consents;
    }

    @POST
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importConsents", summary = "Import consent answers from CSV, streamed, in one transaction",
            description = "Header `" + ConsentCsv.HEADER + "`; customer_id an id or an identifier (type:value); channel empty "
                    + "for profiling. The newest answer wins, per person, purpose and channel. A bad line or an unknown "
                    + "customer refuses the whole file.")
    @APIResponse(responseCode = "200", description = "Imported: lines read, answers that changed what was stored")
    @APIResponse(responseCode = "422", description = "A line names a customer that does not exist; nothing was imported",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public ConsentImport.Report importCsv(@Schema(type = SchemaType.STRING) InputStream body) {
        return consents.importCsv(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16));
    }
}
